using System.Diagnostics;
using System.Globalization;

namespace Hnv.Cli.Lab;

/// <summary>
/// Starts an agent inside its host's namespace, detached (own session, output to its log file, stdin from
/// /dev/null) so it outlives `hnv lab up`; and finds out whether a recorded pid is still that agent.
/// </summary>
internal static class AgentProcess
{
    /// <summary>
    /// Starts <c>ip netns exec NS AGENT --config CONFIG</c> appending to <paramref name="log"/>; returns its pid.
    /// setsid, sh and ip each exec the next, so the pid is the agent's own.
    /// </summary>
    public static int Start(string hostNamespace, IReadOnlyList<string> agent, string config, string log)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var arg in (string[])["sh", "-c", "exec \"$@\" >>\"$0\" 2>&1 </dev/null", log, "ip", "netns", "exec", hostNamespace])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in agent)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        try
        {
            using var process = Process.Start(start) ?? throw new LabException("The agent did not start.");
            return process.Id;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"Cannot start the agent for {hostNamespace}: {e.Message}", e);
        }
    }

    /// <summary>True while <paramref name="pid"/> runs (not a zombie) with <paramref name="config"/> on its command line.</summary>
    public static bool IsAlive(int pid, string config)
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
            return commandLine.Contains(config, StringComparison.Ordinal);
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
