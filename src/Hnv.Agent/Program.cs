using Hnv.Agent;
using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;

// hnv-agent --config FILE: the host daemon. Logs to stdout (journald picks it up under systemd), stops cleanly
// on SIGTERM or Ctrl-C (the generic host handles both), exits 2 on a bad command line or configuration.
if (DaemonCommandLine.ReadConfig(args, "hnv-agent", "the agent's JSON configuration; see docs/agent.md", AgentConfigReader.Read) is not { } settings)
{
    return DaemonCommandLine.BadConfiguration;
}

var app = AgentApplication.Build(settings);
await app.RunAsync().ConfigureAwait(false);
File.Delete(settings.ApiSocket);
return Environment.ExitCode;
