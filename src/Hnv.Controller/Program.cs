using Hnv.Controller.Configuration;
using Hnv.Controller.Hosting;

// hnv-controller: the central policy service. Logs to stdout, stops cleanly on SIGTERM or Ctrl-C (the generic
// host handles both: watch streams end, the store closes), exits 2 on a bad command line.
var options = ControllerOptionsReader.Read(args, Environment.GetEnvironmentVariable, out var problems);
if (problems is ["help"])
{
    Console.WriteLine(ControllerOptionsReader.Usage);
    return 0;
}

if (problems.Count > 0)
{
    Console.Error.WriteLine("hnv-controller: the command line cannot be used:");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    Console.Error.WriteLine(ControllerOptionsReader.Usage);
    return 2;
}

var app = ControllerHost.Build(options);
await app.RunAsync().ConfigureAwait(false);
foreach (var socket in options.Listen.Select(l => l.SocketPath).OfType<string>())
{
    File.Delete(socket);
}

return 0;
