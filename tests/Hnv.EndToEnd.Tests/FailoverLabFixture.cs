namespace Hnv.EndToEnd.Tests;

/// <summary>examples/failover.yaml: one host with blue's b1, and two gateways for blue, gw1 (priority 10, active while alive) and gw2.</summary>
public sealed class FailoverLabFixture() : LabFixture("ef", Example("failover.yaml"))
{
    /// <summary>The outside web server's log line of the request whose query is <paramref name="query"/>.</summary>
    public string WebLogLine(string query) =>
        File.ReadAllLines(Lab.State.LabPaths.For(Name).OutsideLog("web")).LastOrDefault(l => l.Contains(query, StringComparison.Ordinal)) ?? "(no such request)";

    /// <summary>An example topology of the repository without its name line (the fixture gives each lab its own).</summary>
    private static string Example(string file)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, "examples", file);
            if (File.Exists(path))
            {
                return string.Join('\n', File.ReadAllLines(path).Where(l => !l.StartsWith("name:", StringComparison.Ordinal)));
            }
        }

        throw new FileNotFoundException($"examples/{file} is not above {AppContext.BaseDirectory}");
    }
}
