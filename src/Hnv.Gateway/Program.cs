using Hnv.Gateway;
using Hnv.Gateway.Configuration;
using Hnv.NodeRuntime.Configuration;

// hnv-gateway --config FILE: the multi-tenant gateway. Logs to stdout, stops cleanly on SIGTERM or Ctrl-C (removing
// its routing contexts), exits 2 on a bad command line or configuration.
if (DaemonCommandLine.ReadConfig(args, "hnv-gateway", "the gateway's JSON configuration; see docs/gateway.md", GatewayConfigReader.Read) is not { } settings)
{
    return DaemonCommandLine.BadConfiguration;
}

var app = GatewayApplication.Build(settings);
await app.RunAsync().ConfigureAwait(false);
await app.DisposeAsync().ConfigureAwait(false);
File.Delete(settings.ApiSocket);
return Environment.ExitCode;
