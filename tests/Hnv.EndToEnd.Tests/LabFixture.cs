using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hnv.Cli;
using Hnv.Cli.Lab;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// A real lab, brought up with `hnv lab up` (in-process) and the real hnv-agent, torn down with `hnv lab down`,
/// and checked gone. Derived fixtures give the topology.
/// </summary>
public abstract class LabFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-e2e-").FullName;

    protected LabFixture(string prefix, string topology)
    {
        Name = prefix + Guid.NewGuid().ToString("N")[..4];
        Environment.SetEnvironmentVariable(AgentCommand.Variable, AgentDll());
        var file = Path.Combine(_folder, "topology.yaml");
        File.WriteAllText(file, $"name: {Name}\n{topology}");
        var (exit, output, error) = Hnv("lab", "up", file);
        if (exit != 0)
        {
            Hnv("lab", "down", Name);
            throw new InvalidOperationException($"hnv lab up failed ({exit}):\n{output}\n{error}");
        }

        State = LabStateFile.TryLoad(LabPaths.For(Name)) ?? throw new InvalidOperationException("hnv lab up left no state file");
    }

    /// <summary>The lab's name (the prefix of all it made).</summary>
    public string Name { get; }

    /// <summary>What `up` recorded.</summary>
    internal LabState State { get; }

    /// <summary>The fabric's namespace.</summary>
    public string FabricNamespace => LabNames.Prefixed(Name, LabNames.Fabric);

    /// <summary>The fabric's bridge (in <see cref="FabricNamespace"/>).</summary>
    public string Bridge => LabNames.Prefixed(Name, LabNames.Bridge);

    /// <summary>Runs `hnv` in-process.</summary>
    public static (int Exit, string Output, string Error) Hnv(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = HnvCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command inside a VM's namespace.</summary>
    public ToolResult Exec(string vm, params string[] command) => Exec(TimeSpan.FromSeconds(30), vm, command);

    /// <summary>Runs a command inside a VM's namespace with a time limit.</summary>
    public ToolResult Exec(TimeSpan timeout, string vm, params string[] command) =>
        Tool.Run(timeout, ["ip", "netns", "exec", LabNames.Prefixed(Name, vm), .. command]);

    /// <summary>Starts a long-running command inside a VM's namespace.</summary>
    public System.Diagnostics.Process Start(string vm, params string[] command) =>
        Tool.Start(["ip", "netns", "exec", LabNames.Prefixed(Name, vm), .. command]);

    /// <summary>GETs a path of a host agent's local API.</summary>
    public JsonElement AgentApi(string host, string path)
    {
        var socket = LabPaths.For(Name).ApiSocket(host);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://agent") };
        return http.GetFromJsonAsync<JsonElement>(path).GetAwaiter().GetResult();
    }

    /// <summary>A drop counter of a host's agent (0 when never counted).</summary>
    public long Drops(string host, string reason) =>
        AgentApi(host, "/v1/counters").GetProperty("drops").TryGetProperty(reason, out var n) ? n.GetInt64() : 0;

    /// <summary>Kills a host's agent (SIGKILL: no clean stop) and starts it again with the same command.</summary>
    public void RestartAgent(string host)
    {
        var agent = State.Agents.Single(a => a.Host == host);
        Tool.Run(TimeSpan.FromSeconds(5), "kill", "-9", agent.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{agent.Pid}"); i++)
        {
            Thread.Sleep(100);
        }

        var socket = LabPaths.For(Name).ApiSocket(host);
        File.Delete(socket);
        // As `hnv lab up` starts it: detached, in the host's namespace, appending to the same log.
        using var started = Tool.Start(["setsid", "sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", agent.Log, "ip", "netns", "exec",
            LabNames.Prefixed(Name, host), .. agent.Command]);
        for (var i = 0; i < 300 && !File.Exists(socket); i++)
        {
            Thread.Sleep(100);
        }

        var log = File.ReadAllText(agent.Log);
        Assert.True(File.Exists(socket), $"the restarted agent of {host} did not open its API: {log[Math.Max(0, log.Length - 2000)..]}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var (exit, output, error) = Hnv("lab", "down", Name);
        Directory.Delete(_folder, recursive: true);
        var left = Tool.Run(TimeSpan.FromSeconds(10), "ip", "netns", "list").Output
            .Split('\n').Where(l => l.StartsWith(Name + "-", StringComparison.Ordinal)).ToList();
        Assert.True(exit == 0 && left.Count == 0, $"hnv lab down {Name}: exit {exit}, left {string.Join(", ", left)}\n{output}\n{error}");
        GC.SuppressFinalize(this);
    }

    private static string AgentDll()
    {
        // The agent is built beside this test project (same configuration): find it from the repository root.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "hnv.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Hnv.Agent", "bin", configuration, "net10.0", "hnv-agent.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"hnv-agent is not built at {dll}");
    }
}
