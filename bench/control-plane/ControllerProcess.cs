using System.Diagnostics;
using System.Globalization;
using Hnv.Client;

namespace Hnv.ControlPlane.Bench;

/// <summary>The controller under test, as its own process on a Unix socket and a SQLite file in a temp folder.</summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ControllerProcess(Process process, string folder, string token)
    {
        _process = process;
        _folder = folder;
        Token = token;
    }

    public string Token { get; }

    /// <summary>The SQLite file and its -wal and -shm files, in bytes.</summary>
    public long StoreBytes() =>
        new[] { "controller.db", "controller.db-wal", "controller.db-shm" }.Select(f => new FileInfo(Path.Combine(_folder, f))).Where(f => f.Exists).Sum(f => f.Length);

    public ControllerAddress Address => ControllerAddress.Parse("unix:" + Path.Combine(_folder, "controller.sock"));

    public static async Task<ControllerProcess> StartAsync(string dll)
    {
        var folder = Directory.CreateTempSubdirectory("hnv-bench-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            dll, "--listen", "unix:" + Path.Combine(folder, "controller.sock"), "--database", Path.Combine(folder, "controller.db"),
            "--bootstrap-token-file", Path.Combine(folder, "token"), "--history", "64",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var tokenFile = Path.Combine(folder, "token");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(tokenFile) || !File.Exists(Path.Combine(folder, "controller.sock")))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The controller did not start.");
            }

            await Task.Delay(100);
        }

        return new ControllerProcess(process, folder, (await File.ReadAllTextAsync(tokenFile)).Trim());
    }

    /// <summary>The controller's resident memory (VmRSS), in bytes.</summary>
    public long WorkingSet()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the controller stops cleanly.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
