namespace Hnv.Lab.Processes;

/// <summary>
/// The command that starts one of the lab's programs (hnv-agent, hnv-controller, hnv-gateway): from its option, else its
/// environment variable, else the program (or its .dll) next to hnv, else (in a source checkout) its build. A .dll runs with <c>dotnet</c>. Checked
/// before `up` makes anything.
/// </summary>
public sealed record ProgramCommand(string Program, string Option, string Variable, string Project)
{
    /// <summary>The host agent: --agent, HNV_AGENT.</summary>
    public static readonly ProgramCommand Agent = new("hnv-agent", "--agent", "HNV_AGENT", "src/Hnv.Agent");

    /// <summary>The gateway (only for a topology with gateways): --gateway-program, HNV_GATEWAY_PROGRAM.</summary>
    public static readonly ProgramCommand Gateway = new("hnv-gateway", "--gateway-program", "HNV_GATEWAY_PROGRAM", "src/Hnv.Gateway");

    /// <summary>The controller: --controller-program, HNV_CONTROLLER_PROGRAM.</summary>
    public static readonly ProgramCommand Controller = new("hnv-controller", "--controller-program", "HNV_CONTROLLER_PROGRAM", "src/Hnv.Controller");

    /// <summary>The command line (program first) without arguments; throws when the program is not there.</summary>
    public List<string> Resolve(string? option)
    {
        string path;
        string from;
        if (!string.IsNullOrEmpty(option))
        {
            (path, from) = (option, Option);
        }
        else if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable)
        {
            (path, from) = (variable, Variable);
        }
        else
        {
            // An apphost without its .dll beside it is a build's leftover (a project reference copies it), not a program.
            var beside = Path.Combine(AppContext.BaseDirectory, Program);
            (path, from) = File.Exists(beside + ".dll") ? (File.Exists(beside) ? beside : beside + ".dll", "the default next to hnv")
                : InCheckout() is { } built ? (built, "the build in this source checkout")
                : (beside, "the default next to hnv");
        }

        var found = Locate(path) ?? throw new LabException(
            $"The {Program} '{path}' ({from}) does not exist. Build it (dotnet build {Project}) and point {Option} or {Variable} at {Program} or {Program}.dll; nothing was made.");
        if (found.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return ["dotnet", found];
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(found) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new LabException($"The {Program} '{found}' ({from}) is not executable; run chmod +x on it, or give the .dll. Nothing was made.");
        }

        return [found];
    }

    /// <summary>
    /// Run from a source checkout (hnv in src/Hnv.Cli/bin/CONFIG/net10.0, or a test's bin folder), the program's
    /// own build of the same configuration: src/PROJECT/bin/CONFIG/net10.0/PROGRAM.dll; null elsewhere.
    /// </summary>
    private string? InCheckout()
    {
        var here = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = here.Parent?.Name;
        for (var folder = here; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "hnv.slnx")) && configuration is not null)
            {
                var dll = Path.Combine(folder.FullName, Project, "bin", configuration, "net10.0", Program + ".dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
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
