using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Hnv.Cli;
using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.EndToEnd.Tests;

/// <summary>
/// A real lab, brought up with `hnv lab up` (in-process) with the real hnv-controller and hnv-agent (their builds
/// in this checkout), torn down with `hnv lab down`, and checked gone. Derived fixtures give the topology.
/// </summary>
public abstract class LabFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hnv-e2e-").FullName;
    private readonly Dictionary<string, int> _agentPids = [];
    private int? _controllerPid;

    protected LabFixture(string prefix, string topology)
    {
        Name = prefix + Guid.NewGuid().ToString("N")[..4];
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
        using var http = AgentHttp(host);
        return http.GetFromJsonAsync<JsonElement>(path).GetAwaiter().GetResult();
    }

    /// <summary>A VM port's I/O counters, as its host's agent reports them.</summary>
    public Dictionary<string, long> PortIo(string host, string port) =>
        AgentApi(host, "/v1/counters").GetProperty("io").GetProperty("ports").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == port).GetProperty("counters").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetInt64(), StringComparer.Ordinal);

    /// <summary>The underlay port's I/O counters, as the host's agent reports them.</summary>
    public Dictionary<string, long> UnderlayIo(string host) =>
        AgentApi(host, "/v1/counters").GetProperty("io").GetProperty("underlay").EnumerateObject()
            .ToDictionary(c => c.Name, c => c.Value.GetInt64(), StringComparer.Ordinal);

    /// <summary>What each counter of <paramref name="after"/> gained since <paramref name="before"/>.</summary>
    public static Dictionary<string, long> Delta(Dictionary<string, long> after, Dictionary<string, long> before) =>
        after.ToDictionary(c => c.Key, c => c.Value - before[c.Key], StringComparer.Ordinal);

    /// <summary>A drop counter of a host's agent (0 when never counted).</summary>
    public long Drops(string host, string reason) =>
        AgentApi(host, "/v1/counters").GetProperty("drops").TryGetProperty(reason, out var n) ? n.GetInt64() : 0;

    /// <summary>Kills a host's agent (SIGKILL: no clean stop) and starts it again with the same command.</summary>
    public void RestartAgent(string host)
    {
        KillAgent(host);
        StartAgent(host);
    }

    /// <summary>Kills a host's agent with SIGKILL (no clean stop) and waits until it is gone.</summary>
    public void KillAgent(string host) => Kill(AgentPid(host), "-9");

    /// <summary>Starts a host's agent as `hnv lab up` does (detached, in the host's namespace, same log) and waits for its API.</summary>
    public void StartAgent(string host)
    {
        var agent = State.Agents.Single(a => a.Host == host);
        var socket = LabPaths.For(Name).ApiSocket(host);
        File.Delete(socket);
        _agentPids[host] = StartDetached(LabNames.Prefixed(Name, host), agent.Command, agent.Log);
        for (var i = 0; i < 300 && !File.Exists(socket); i++)
        {
            Thread.Sleep(100);
        }

        var log = File.ReadAllText(agent.Log);
        Assert.True(File.Exists(socket), $"the restarted agent of {host} did not open its API: {log[Math.Max(0, log.Length - 2000)..]}");
    }

    /// <summary>Kills a gateway with SIGKILL (no clean stop: its contexts and routes stay behind) and waits until it is gone.</summary>
    public void KillGateway(string gateway) => Kill(State.Gateways.Single(g => g.Name == gateway).Pid, "-9");

    /// <summary>Stops the lab's controller (SIGTERM) and waits until it is gone.</summary>
    public void StopController() => Kill(_controllerPid ?? State.Controller!.Pid, "-TERM");

    /// <summary>Starts the lab's controller again on the same store and socket and waits until it answers.</summary>
    public void StartController()
    {
        var controller = State.Controller!;
        _controllerPid = StartDetached(FabricNamespace, controller.Command, controller.Log);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (Manage("status").Exit != 0)
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"the controller did not come back: {File.ReadAllText(controller.Log)[^2000..]}");
            Thread.Sleep(100);
        }
    }

    /// <summary>Runs an `hnv` management verb against the lab's controller with its operator token.</summary>
    public (int Exit, string Output, string Error) Manage(params string[] args) =>
        Hnv([.. args, "--controller", State.Controller!.Address, "--token-file", State.Controller.OperatorToken]);

    /// <summary>Attaches a NIC to a host's agent through its local API (POST /v1/ports); returns the HTTP status.</summary>
    public int AttachPort(string host, string portJson)
    {
        using var http = AgentHttp(host);
        using var content = new StringContent(portJson, System.Text.Encoding.UTF8, "application/json");
        using var response = http.PostAsync(new Uri("/v1/ports", UriKind.Relative), content).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    /// <summary>Detaches a NIC from a host's agent (DELETE /v1/ports/NAME); returns the HTTP status.</summary>
    public int DetachPort(string host, string port)
    {
        using var http = AgentHttp(host);
        using var response = http.DeleteAsync(new Uri($"/v1/ports/{port}", UriKind.Relative)).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }

    private int AgentPid(string host) => _agentPids.TryGetValue(host, out var pid) ? pid : State.Agents.Single(a => a.Host == host).Pid;

    private static void Kill(int pid, string signal)
    {
        Tool.Run(TimeSpan.FromSeconds(5), "kill", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < 100 && Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal); i++)
        {
            Thread.Sleep(100);
        }
    }

    /// <summary>Starts <paramref name="command"/> detached in <paramref name="space"/> appending to <paramref name="log"/>; returns its pid.</summary>
    private static int StartDetached(string space, List<string> command, string log)
    {
        // setsid, sh and ip each exec the next, so the pid is the program's own (as hnv lab up does it).
        using var started = Tool.Start(["setsid", "sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", log, "ip", "netns", "exec", space, .. command]);
        return started.Id;
    }

    private HttpClient AgentHttp(string host)
    {
        var socket = LabPaths.For(Name).ApiSocket(host);
        return new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), token);
                return new NetworkStream(s, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://agent") };
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
}
