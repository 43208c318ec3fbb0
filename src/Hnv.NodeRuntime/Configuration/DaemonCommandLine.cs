namespace Hnv.NodeRuntime.Configuration;

/// <summary>A forwarding daemon's command line: <c>PROGRAM --config FILE</c>, the file read and checked before anything starts.</summary>
public static class DaemonCommandLine
{
    /// <summary>The exit code of a wrong command line or configuration.</summary>
    public const int BadConfiguration = 2;

    /// <summary>
    /// The settings <paramref name="read"/> makes of the file <c>--config</c> names; null (with the usage, or every problem
    /// of the file, on stderr) when the command line or the file is wrong.
    /// </summary>
    public static T? ReadConfig<T>(string[] args, string program, string file, Func<string, T> read)
        where T : class
    {
        if (args is not ["--config", var path])
        {
            Console.Error.WriteLine($"usage: {program} --config FILE   ({file})");
            return null;
        }

        try
        {
            return read(path);
        }
        catch (ConfigException e)
        {
            Console.Error.WriteLine($"{program}: the configuration {path} cannot be used:");
            foreach (var problem in e.Problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return null;
        }
    }
}
