using System.Diagnostics;
using System.Globalization;
using Hnv.Tests.Shared;

namespace Hnv.Agent.Tests.Support;

/// <summary>
/// A real hnv-controller process (this checkout's build, the test's configuration) on a PostgreSQL database and a
/// loopback port, so it can be killed with SIGKILL as a crashed replica is. Its log is kept for failures.
/// </summary>
internal sealed class ControllerReplica : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    public ControllerReplica(string name, string postgres, string tokenFile)
    {
        Name = name;
        Port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Program(), "--postgres", postgres, "--listen", $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}", "--bootstrap-token-file", tokenFile,
            "--replica", name, "--heartbeat-seconds", "0.5",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync();
        _error = _process.StandardError.ReadToEndAsync();
    }

    public string Name { get; }

    public int Port { get; }

    public string Address => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Waits until /healthz answers 200 (the store answers too).</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            Assert.True(!_process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30), $"replica {Name} did not start: {Log()}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no clean stop, its connections just close.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public string Log() => _process.HasExited ? $"{_output.Result}{_error.Result}" : "(still running)";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>hnv-controller.dll of the build this test runs in (Debug or Release).</summary>
    private static string Program()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var program = Path.Combine(folder.FullName, "src", "Hnv.Controller", "bin", configuration, "net10.0", "hnv-controller.dll");
            if (File.Exists(program))
            {
                return program;
            }
        }

        throw new FileNotFoundException($"hnv-controller.dll ({configuration}) is not built above {AppContext.BaseDirectory}");
    }
}
