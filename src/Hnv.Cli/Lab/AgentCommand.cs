namespace Hnv.Cli.Lab;

/// <summary>
/// The command that starts a host's agent: from <c>--agent</c>, else HNV_AGENT, else <c>hnv-agent</c> (or
/// <c>hnv-agent.dll</c>) next to hnv. A .dll runs with <c>dotnet</c>. Checked before `up` makes anything.
/// </summary>
internal static class AgentCommand
{
    /// <summary>The environment variable naming the agent.</summary>
    public const string Variable = "HNV_AGENT";

    /// <summary>The command line (program first) without <c>--config</c>; throws when the agent is not there.</summary>
    public static List<string> Resolve(string? option)
    {
        string path;
        string from;
        if (!string.IsNullOrEmpty(option))
        {
            (path, from) = (option, "--agent");
        }
        else if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable)
        {
            (path, from) = (variable, Variable);
        }
        else
        {
            var beside = Path.Combine(AppContext.BaseDirectory, "hnv-agent");
            path = File.Exists(beside) || !File.Exists(beside + ".dll") ? beside : beside + ".dll";
            from = "the default next to hnv";
        }

        var found = Locate(path) ?? throw new LabException(
            $"The agent '{path}' ({from}) does not exist. Build it (dotnet build src/Hnv.Agent) and point --agent or {Variable} at hnv-agent or hnv-agent.dll; nothing was made.");
        if (found.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return ["dotnet", found];
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(found) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new LabException($"The agent '{found}' ({from}) is not executable; run chmod +x on it, or give the .dll. Nothing was made.");
        }

        return [found];
    }

    /// <summary>A path as given, or a bare name looked up on PATH; null when there is no such file.</summary>
    private static string? Locate(string path)
    {
        if (path.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(path) ? Path.GetFullPath(path) : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, path);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }
}
