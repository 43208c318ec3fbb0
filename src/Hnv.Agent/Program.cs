using Hnv.Agent;
using Hnv.Agent.Api;
using Hnv.Agent.Configuration;
using Hnv.Agent.Policy;
using Hnv.Agent.Ports;
using Hnv.Dataplane.Linux;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
catch (AgentConfigException e)
{
    Console.Error.WriteLine($"hnv-agent: the configuration {configPath} cannot be used:");
    foreach (var problem in e.Problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    return 2;
}

// A socket file left by a crashed run would make Kestrel fail to bind.
File.Delete(settings.ApiSocket);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.ApiSocket))!);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    o.UseUtcTimestamp = true;
});
// One line per request is noise at debug level, not news: the agent logs what changes, not what it serves.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(settings.ApiSocket));
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, AgentJsonContext.Default));
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IHostFailure, HostFailure>();
builder.Services.AddSingleton<IVmPortFactory, TapPortFactory>();
builder.Services.AddSingleton<IUnderlayPort>(_ => new GreUnderlayPort(settings.ProviderAddressV4, settings.ProviderAddressV6));
builder.Services.AddSingleton<IPacketWaiter, EpollWaiter>();
builder.Services.AddSingleton<AgentDataplane>();
builder.Services.AddHostedService<AgentRunner>();
builder.Services.AddHostedService<PolicyFileSource>();

var app = builder.Build();
app.MapAgentApi(settings, TimeProvider.System);
await app.RunAsync().ConfigureAwait(false);
File.Delete(settings.ApiSocket);
return Environment.ExitCode;
