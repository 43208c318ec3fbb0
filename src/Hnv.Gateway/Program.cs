using Hnv.Gateway;
using Hnv.Gateway.Configuration;
using Hnv.NodeRuntime.Configuration;

// hnv-gateway --config FILE: the multi-tenant gateway. Logs to stdout, stops cleanly on SIGTERM or Ctrl-C (removing
// its routing contexts), exits 2 on a bad command line or configuration.
if (args is not ["--config", var configPath])
{
    Console.Error.WriteLine("usage: hnv-gateway --config FILE   (the gateway's JSON configuration; see docs/gateway.md)");
    return 2;
}

GatewaySettings settings;
try
{
    settings = GatewayConfigReader.Read(configPath);
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"hnv-gateway: the configuration {configPath} cannot be used:");
    foreach (var problem in e.Problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    return 2;
}

var app = GatewayApplication.Build(settings);
await app.RunAsync().ConfigureAwait(false);
await app.DisposeAsync().ConfigureAwait(false);
File.Delete(settings.ApiSocket);
return Environment.ExitCode;
