namespace Hnv.Lab.State;

/// <summary>
/// Where a lab keeps its files: &lt;root&gt;/&lt;name&gt;/ with lab.json, the controller's socket, store, log and
/// operator token, and per host &lt;host&gt;.agent.json, .log, .sock, .token and .policy.json (the agent's cache). The root is /run/hnv/labs (HNV_LAB_ROOT overrides it).
/// </summary>
public sealed class LabPaths
{
    /// <summary>The default root of every lab's state folder.</summary>
    public const string DefaultRoot = "/run/hnv/labs";

    /// <summary>The environment variable that moves the root (tests, or a machine without /run).</summary>
    public const string RootVariable = "HNV_LAB_ROOT";

    public LabPaths(string root, string name)
    {
        Root = root;
        Directory = Path.Combine(root, name);
    }

    /// <summary>The root of every lab's state folder in effect.</summary>
    public static string CurrentRoot =>
        Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? root : DefaultRoot;

    public string Root { get; }

    /// <summary>This lab's state folder.</summary>
    public string Directory { get; }

    public string StateFile => Path.Combine(Directory, "lab.json");

    /// <summary>The paths of lab <paramref name="name"/> under the current root.</summary>
    public static LabPaths For(string name) => new(CurrentRoot, name);

    public string AgentConfig(string host) => Path.Combine(Directory, $"{host}.agent.json");

    public string AgentLog(string host) => Path.Combine(Directory, $"{host}.log");

    public string ApiSocket(string host) => Path.Combine(Directory, $"{host}.sock");

    /// <summary>The host's agent token (from the controller, mode 0600).</summary>
    public string AgentToken(string host) => Path.Combine(Directory, $"{host}.token");

    /// <summary>The host agent's copy of its last applied policy.</summary>
    public string PolicyCache(string host) => Path.Combine(Directory, $"{host}.policy.json");

    /// <summary>A gateway's configuration file (its log is <see cref="AgentLog"/> of its name, its token <see cref="AgentToken"/>).</summary>
    public string GatewayConfig(string gateway) => Path.Combine(Directory, $"{gateway}.gateway.json");

    /// <summary>The outside network's files: the HTTP server's folder, and the DNS and HTTP servers' logs.</summary>
    public string OutsideWeb => Path.Combine(Directory, "outside-www");

    public string OutsideLog(string service) => Path.Combine(Directory, $"outside-{service}.log");

    /// <summary>The outside router's FRR folder (configuration, sockets, pid files; owned by the frr user zebra runs as).</summary>
    public string OutsideFrr => Path.Combine(Directory, "outside-frr");

    /// <summary>A gateway's bgpd folder.</summary>
    public string GatewayFrr(string gateway) => Path.Combine(Directory, $"{gateway}-frr");

    /// <summary>The lab controller's Unix socket: agents in every host namespace reach it through the file system.</summary>
    public string ControllerSocket => Path.Combine(Directory, "controller.sock");

    /// <summary>The lab controller's SQLite store.</summary>
    public string ControllerDatabase => Path.Combine(Directory, "controller.db");

    public string ControllerLog => Path.Combine(Directory, "controller.log");

    /// <summary>The log of the page's proxy to the controller.</summary>
    public string PageLog => Path.Combine(Directory, "page.log");

    /// <summary>The operator ("write") token the controller made at its first start.</summary>
    public string OperatorToken => Path.Combine(Directory, "operator.token");
}
