using System.Globalization;
using Hnv.Lab.Processes;
using Hnv.Lab.State;

namespace Hnv.Cli.Tests.Lab;

/// <summary>
/// Fake agents and unique lab names for one system test. On dispose every lab it named is taken down, and a
/// namespace or state folder left with one of its prefixes fails the test.
/// </summary>
internal sealed class LabSandbox : IDisposable
{
    /// <summary>
    /// Stands in for hnv-agent: reads --config, makes each port's interface as a TAP in its VM namespace (as the
    /// real agent does), creates the API socket path, watches its host's view on the real controller with its
    /// token and reports the snapshot's revision (so `up` sees it current), and runs until SIGTERM.
    /// </summary>
    private const string FakeAgent = """
        #!/bin/bash
        set -e
        while [ $# -gt 0 ]; do case "$1" in --config) config="$2"; shift 2;; *) shift;; esac; done
        echo "fake agent: $config"
        field() { grep -o "\"$1\": \"[^\"]*\"" "$config" | head -1 | cut -d'"' -f4; }
        socket=$(field apiSocket); host=$(field host); controller=$(field address); tokenfile=$(field tokenFile)
        for ns in $(grep -o '"namespace": "[^"]*"' "$config" | cut -d'"' -f4); do
          ip -n "$ns" tuntap add dev eth0 mode tap
        done
        touch "$socket"
        auth="Authorization: Bearer $(cat "$tokenfile")"
        watch="http://localhost/api/v1/hosts/$host/watch?fromRevision=0"
        revision=$(curl -sSN --max-time 1 --unix-socket "${controller#unix:}" -H "$auth" "$watch" | head -1 | grep -o '"revision":[0-9]*' | head -1 | cut -d: -f2) || true
        curl -sSN --unix-socket "${controller#unix:}" -H "$auth" "$watch" >/dev/null &
        watcher=$!
        curl -sS --unix-socket "${controller#unix:}" -H "$auth" -H 'Content-Type: application/json' \
          -d "{\"revision\": $revision, \"ports\": 0}" "http://localhost/api/v1/hosts/$host/status" >/dev/null
        trap 'kill $watcher; exit 0' TERM
        while true; do sleep 0.2; done
        """;

    private const string FailingAgent = """
        #!/bin/bash
        echo "fake agent: cannot open the TAP device (on purpose)"
        exit 3
        """;

    private readonly TempDirectory _folder = new();
    private readonly List<string> _labs = [];

    public LabSandbox()
    {
        Agent = Script("agent.sh", FakeAgent);
        FailingAgentPath = Script("failing-agent.sh", FailingAgent);
    }

    /// <summary>The fake agent that works.</summary>
    public string Agent { get; }

    /// <summary>A fake agent that exits at once with an error.</summary>
    public string FailingAgentPath { get; }

    /// <summary>A fresh lab name (registered for teardown): "t" and seven random letters and digits.</summary>
    public string NewLabName()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..7];
        _labs.Add(name);
        return name;
    }

    /// <summary>Writes a topology file and returns its path.</summary>
    public string Topology(string yaml)
    {
        var path = _folder.File($"topology{_labs.Count.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>The namespaces with lab <paramref name="name"/>'s prefix now.</summary>
    public static List<string> NamespacesOf(string name) => IpRunner.NamespacesOf(name);

    public void Dispose()
    {
        var left = new List<string>();
        foreach (var name in _labs)
        {
            CliRunner.Run("lab", "down", name);
            left.AddRange(NamespacesOf(name));
            if (Directory.Exists(LabPaths.For(name).Directory))
            {
                left.Add(LabPaths.For(name).Directory);
            }
        }

        _folder.Dispose();
        Assert.Empty(left);
    }

    private string Script(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
