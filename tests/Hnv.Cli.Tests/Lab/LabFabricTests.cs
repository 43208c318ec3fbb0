using System.Text.Json;
using Hnv.Lab.Processes;
using Hnv.Lab.State;
using Hnv.Lab.Topology;

namespace Hnv.Cli.Tests.Lab;

/// <summary>`hnv lab` against real namespaces, veth pairs and a bridge, with a fake agent that makes the VMs' TAPs.</summary>
[Trait("tier", "system")]
public sealed class LabFabricTests : IDisposable
{
    private readonly LabSandbox _sandbox = new();
    private readonly IpRunner _ip = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public void Up_DualUnderlay_BuildsHostsAndVmsWithAddressesAndMtu()
    {
        var name = _sandbox.NewLabName();

        var up = Up(Topologies.Minimal(name, "dual"), _sandbox.Agent);

        Assert.True(up.ExitCode == ExitCodes.Ok, up.Error);
        Assert.Contains($"{name}-vm1", up.Output, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "fab", "host1", "host2", "vm1", "vm2" }.Select(s => $"{name}-{s}").Order(StringComparer.Ordinal),
            LabSandbox.NamespacesOf(name).Order(StringComparer.Ordinal));
        var host2 = _ip.Ip("-n", $"{name}-host2", "addr", "show", "dev", "eth0");
        Assert.Contains("mtu 1500", host2, StringComparison.Ordinal);
        Assert.Contains("inet 192.0.2.2/24", host2, StringComparison.Ordinal);
        Assert.Contains("inet6 2001:db8::2/64", host2, StringComparison.Ordinal);
        var vm1 = _ip.Ip("-n", $"{name}-vm1", "addr", "show", "dev", "eth0");
        Assert.Contains("mtu 1438", vm1, StringComparison.Ordinal); // 1500 less the 62 bytes of NVGRE over IPv6
        Assert.Contains("inet 10.0.0.10/24", vm1, StringComparison.Ordinal);
        Assert.Contains("inet6 fd00:b::10/64", vm1, StringComparison.Ordinal);
        Assert.Contains(LabIdentity.Mac(name, "vm1").ToString(), vm1, StringComparison.Ordinal);
        Assert.Contains("default via 10.0.0.1", _ip.Ip("-n", $"{name}-vm1", "-4", "route"), StringComparison.Ordinal);
        Assert.Contains("default via fd00:b::1", _ip.Ip("-n", $"{name}-vm1", "-6", "route"), StringComparison.Ordinal);
        // The fabric carries the underlay: host1 reaches host2's PA over the bridge.
        Assert.True(_ip.TryRun("ip", ["netns", "exec", $"{name}-host1", "ping", "-c", "1", "-W", "2", "192.0.2.2"], out _, out var ping), ping);

        // Like a datacenter switch, the fabric's bridge hands no frame to the host firewall (br_netfilter).
        Assert.Contains("nf_call_iptables 0", _ip.Ip("-d", "-n", $"{name}-fab", "link", "show", $"{name}-br"), StringComparison.Ordinal);
        if (_ip.TryRun("ip", ["netns", "exec", $"{name}-fab", "sysctl", "-n", "net.bridge.bridge-nf-call-iptables"], out var perNamespace, out _))
        {
            Assert.Equal("0", perNamespace.Trim()); // only there when br_netfilter is loaded
        }
    }

    [Fact]
    public void Status_Json_ReportsHostsAgentsAndVms()
    {
        var name = _sandbox.NewLabName();
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(name), _sandbox.Agent).ExitCode);

        var status = CliRunner.Run("lab", "status", name, "--output", "json");

        Assert.Equal(ExitCodes.Ok, status.ExitCode);
        using var json = JsonDocument.Parse(status.Output);
        var hosts = json.RootElement.GetProperty("hosts");
        Assert.Equal(2, hosts.GetArrayLength());
        Assert.All(hosts.EnumerateArray(), h =>
        {
            Assert.True(h.GetProperty("agentAlive").GetBoolean());
            Assert.True(h.GetProperty("namespaceExists").GetBoolean());

            // As the lab's controller sees the (fake) agents: watching, at the revision they reported.
            Assert.True(h.GetProperty("connected").GetBoolean());
            Assert.True(h.GetProperty("revision").GetInt64() > 0);
        });
        Assert.True(json.RootElement.GetProperty("controllerAlive").GetBoolean());
        Assert.StartsWith("unix:/", json.RootElement.GetProperty("controller").GetString(), StringComparison.Ordinal);
        var vm2 = json.RootElement.GetProperty("vms")[1];
        Assert.Equal($"{name}-vm2", vm2.GetProperty("namespace").GetString());
        Assert.Equal("host2", vm2.GetProperty("host").GetString());
        Assert.Equal(LabIdentity.Mac(name, "vm2").ToString(), vm2.GetProperty("mac").GetString());
        Assert.Equal("10.0.0.11/24", vm2.GetProperty("addresses")[0].GetString());
        var ls = CliRunner.Run("lab", "ls", "--output", "json");
        Assert.Contains($"\"name\": \"{name}\"", ls.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Down_TwoLabsSideBySide_RemovesOnlyItsOwn()
    {
        var first = _sandbox.NewLabName();
        var second = _sandbox.NewLabName();
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(first), _sandbox.Agent).ExitCode);
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(second), _sandbox.Agent).ExitCode);

        var down = CliRunner.Run("lab", "down", first);

        Assert.Equal(ExitCodes.Ok, down.ExitCode);
        Assert.Empty(LabSandbox.NamespacesOf(first));
        Assert.False(Directory.Exists(LabPaths.For(first).Directory));
        Assert.Equal(5, LabSandbox.NamespacesOf(second).Count);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("lab", "status", second).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("lab", "down", first).ExitCode); // idempotent
    }

    [Fact]
    public void Down_AfterCrash_RemovesNamespacesAndAgentsByPrefix()
    {
        var name = _sandbox.NewLabName();
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(name), _sandbox.Agent).ExitCode);
        var state = LabStateFile.TryLoad(LabPaths.For(name))!;
        Directory.Delete(LabPaths.For(name).Directory, recursive: true); // the crash: no state file, agents still run

        Assert.Contains($"{name}  orphaned", CliRunner.Run("lab", "ls").Output, StringComparison.Ordinal);
        var down = CliRunner.Run("lab", "down", name);

        Assert.Equal(ExitCodes.Ok, down.ExitCode);
        Assert.Empty(LabSandbox.NamespacesOf(name));
        Assert.All(state.Agents, a => Assert.False(LabProcess.IsRunning(a.Pid), $"agent {a.Pid} of {a.Host} still runs"));
    }

    [Fact]
    public void Up_BadTopology_LeavesNothing()
    {
        var name = _sandbox.NewLabName();
        var yaml = Topologies.Minimal(name).Replace("host: host2", "host: host9", StringComparison.Ordinal);

        var up = Up(yaml, _sandbox.Agent);

        Assert.Equal(ExitCodes.FileProblem, up.ExitCode);
        Assert.Contains("vms[1].host", up.Error, StringComparison.Ordinal);
        Assert.Empty(LabSandbox.NamespacesOf(name));
        Assert.False(Directory.Exists(LabPaths.For(name).Directory));
    }

    [Fact]
    public void Up_AgentFails_SaysWhyAndRemovesWhatItMade()
    {
        var name = _sandbox.NewLabName();

        var up = Up(Topologies.Minimal(name), _sandbox.FailingAgentPath);

        Assert.Equal(ExitCodes.FileProblem, up.ExitCode);
        Assert.Contains("exited before opening", up.Error, StringComparison.Ordinal);
        Assert.Contains("cannot open the TAP device (on purpose)", up.Error, StringComparison.Ordinal); // the log's last lines
        Assert.Empty(LabSandbox.NamespacesOf(name));
        Assert.False(Directory.Exists(LabPaths.For(name).Directory));
    }

    [Fact]
    public void Up_AgentFailsWithKeep_LeavesItForDown()
    {
        var name = _sandbox.NewLabName();

        var up = CliRunner.Run("lab", "up", _sandbox.Topology(Topologies.Minimal(name)), "--agent", _sandbox.FailingAgentPath, "--keep");

        Assert.Equal(ExitCodes.FileProblem, up.ExitCode);
        Assert.Contains($"hnv lab down {name}", up.Error, StringComparison.Ordinal);
        Assert.Equal(5, LabSandbox.NamespacesOf(name).Count);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("lab", "down", name).ExitCode);
        Assert.Empty(LabSandbox.NamespacesOf(name));
    }

    [Fact]
    public void Up_SameNameTwice_RefusesAndKeepsTheFirst()
    {
        var name = _sandbox.NewLabName();
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(name), _sandbox.Agent).ExitCode);

        var again = Up(Topologies.Minimal(name), _sandbox.Agent);

        Assert.Equal(ExitCodes.FileProblem, again.ExitCode);
        Assert.Contains("already up", again.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("lab", "status", name).ExitCode);
    }

    [Fact]
    public void Exec_InVm_ReturnsTheCommandsExitCode()
    {
        var name = _sandbox.NewLabName();
        Assert.Equal(ExitCodes.Ok, Up(Topologies.Minimal(name), _sandbox.Agent).ExitCode);

        Assert.Equal(7, CliRunner.Run("lab", "exec", name, "vm1", "--", "sh", "-c", "ip -o addr show eth0 | grep -q 10.0.0.10 && exit 7").ExitCode);
        Assert.Equal(ExitCodes.FileProblem, CliRunner.Run("lab", "exec", name, "nosuchvm", "--", "true").ExitCode);
    }

    private CliResult Up(string yaml, string agent) =>
        CliRunner.Run("lab", "up", _sandbox.Topology(yaml), "--agent", agent, "--timeout", "20");
}
