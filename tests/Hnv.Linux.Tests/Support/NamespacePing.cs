using System.Diagnostics;

namespace Hnv.Linux.Tests.Support;

/// <summary>One <c>ping -c1</c> run inside a namespace, started now, awaited later.</summary>
internal sealed class NamespacePing : IDisposable
{
    private readonly Process _process;

    private NamespacePing(Process process) => _process = process;

    public static NamespacePing Start(string networkNamespace, string destination, int waitSeconds)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", networkNamespace, "ping", "-n", "-c1", $"-W{waitSeconds}", destination })
        {
            start.ArgumentList.Add(argument);
        }

        return new NamespacePing(Process.Start(start) ?? throw new InvalidOperationException("could not start ping"));
    }

    /// <summary>ping's exit code (0: a reply came back), and its output for assertion messages.</summary>
    public (int ExitCode, string Output) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            _process.WaitForExit();
            return (-1, "ping did not exit in time");
        }

        return (_process.ExitCode, _process.StandardOutput.ReadToEnd() + _process.StandardError.ReadToEnd());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
