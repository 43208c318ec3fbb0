using Hnv.Controller.Configuration;
using Hnv.Controller.Hosting;

// hnv-controller: the central policy service. Logs to stdout, stops cleanly on SIGTERM or Ctrl-C (the generic
// host handles both: watch streams end, the store closes), exits 2 on a bad command line, 1 when it cannot start.
// `hnv-controller token reset ...` recovers a controller whose write tokens are all lost.
if (args is ["token", "reset", ..])
{
    return await TokenReset.RunAsync(args[2..], Environment.GetEnvironmentVariable, Console.Out, Console.Error, TimeProvider.System).ConfigureAwait(false);
}

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

var app = ControllerApplication.Build(options);
try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (ControllerStartException e)
{
    Console.Error.WriteLine($"hnv-controller: cannot start: {e.Message}");
    return 1;
}

foreach (var socket in options.Listen.Select(l => l.SocketPath).OfType<string>())
{
    File.Delete(socket);
}

return 0;
