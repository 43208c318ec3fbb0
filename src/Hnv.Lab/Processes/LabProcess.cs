using System.Diagnostics;
using System.Globalization;

namespace Hnv.Lab.Processes;

/// <summary>
/// Starts a lab's process (an agent, the controller) inside a namespace, detached (own session, output to its log
/// file, stdin from /dev/null) so it outlives `hnv lab up`; and finds out whether a recorded pid is still it.
/// </summary>
public static class LabProcess
{
    /// <summary>
    /// Starts <c>ip netns exec NS PROGRAM ARGUMENTS</c> appending to <paramref name="log"/>; returns its pid.
    /// setsid, sh and ip each exec the next, so the pid is the program's own. With <paramref name="networkOnly"/> it
    /// enters only the network namespace (<c>nsenter --net</c>): <c>ip netns exec</c> also gives the program a mount
    /// namespace of its own, where namespaces it names itself (a gateway's routing contexts) would stay invisible to
    /// everyone else, as they are not on a real host.
    /// </summary>
    public static int Start(string space, IReadOnlyList<string> program, IReadOnlyList<string> arguments, string log, bool networkOnly = false)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        string[] enter = networkOnly ? ["nsenter", $"--net=/var/run/netns/{space}"] : ["ip", "netns", "exec", space];
        foreach (var arg in (string[])["sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", log, .. enter])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in program.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new LabException($"{program[^1]} did not start.");
            return process.Id;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"Cannot start {program[^1]} in {space}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Starts <c>PROGRAM ARGUMENTS</c> in this (the root) namespace, detached as <see cref="Start"/> does: for what must be
    /// reached from the machine itself, like the page's proxy to the controller's socket.
    /// </summary>
    public static int StartHere(IReadOnlyList<string> program, IReadOnlyList<string> arguments, string log)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in ((string[])["sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", log]).Concat(program).Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new LabException($"{program[^1]} did not start.");
            return process.Id;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"Cannot start {program[^1]}: {e.Message}", e);
        }
    }

    /// <summary>True while <paramref name="pid"/> runs (not a zombie) with <paramref name="marker"/> on its command line.</summary>
    public static bool IsAlive(int pid, string marker)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (state is "Z" or "X")
            {
                return false;
            }

            var commandLine = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
            return commandLine.Contains(marker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>True while <paramref name="pid"/> runs at all (not a zombie).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] is not ("Z" or "X");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>The last <paramref name="count"/> lines of a log, or a note that it is empty or missing.</summary>
    public static string Tail(string log, int count = 20)
    {
        try
        {
            var lines = File.ReadAllLines(log);
            return lines.Length == 0 ? "  (the log is empty)" : string.Join('\n', lines[Math.Max(0, lines.Length - count)..].Select(l => "  | " + l));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"  (no log: {e.Message})";
        }
    }
}
