using Hnv.Agent;
using Hnv.Agent.Configuration;
using Hnv.NodeRuntime.Configuration;

// hnv-agent --config FILE: the host daemon. Logs to stdout (journald picks it up under systemd), stops cleanly
// on SIGTERM or Ctrl-C (the generic host handles both), exits 2 on a bad command line or configuration.
if (args is not ["--config", var configPath])
{
    Console.Error.WriteLine("usage: hnv-agent --config FILE   (the agent's JSON configuration; see docs/agent.md)");
    return 2;
}

AgentSettings settings;
try
{
    settings = AgentConfigReader.Read(configPath);
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"hnv-agent: the configuration {configPath} cannot be used:");
    foreach (var problem in e.Problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    return 2;
}

var app = AgentApplication.Build(settings);
await app.RunAsync().ConfigureAwait(false);
File.Delete(settings.ApiSocket);
return Environment.ExitCode;
