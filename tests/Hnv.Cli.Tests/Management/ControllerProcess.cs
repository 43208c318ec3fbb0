using System.Diagnostics;
using Hnv.Lab.Processes;

namespace Hnv.Cli.Tests.Management;

/// <summary>
/// The real hnv-controller (its build in this checkout) on a fresh SQLite file and a Unix socket in a temporary
/// folder, with its bootstrap operator token. Stopped (SIGTERM, then kill) and its folder removed on dispose.
/// </summary>
internal sealed class ControllerProcess : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Process _process;

    public ControllerProcess()
    {
        var program = ProgramCommand.Controller.Resolve(null);
        var start = new ProcessStartInfo(program[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in program.Skip(1).Concat(["--listen", Address, "--database", _folder.File("controller.db"), "--bootstrap-token-file", TokenFile]))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        var clock = Stopwatch.StartNew();
        while (!System.IO.File.Exists(TokenFile) || CliRunner.Run("status", "--controller", Address, "--token-file", TokenFile).ExitCode != 0)
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException($"hnv-controller did not start: {_process.StandardOutput.ReadToEnd()} {_process.StandardError.ReadToEnd()}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>unix:/tmp/…/controller.sock.</summary>
    public string Address => "unix:" + _folder.File("controller.sock");

    /// <summary>The operator ("write") token the controller made at its first start.</summary>
    public string TokenFile => _folder.File("operator.token");

    /// <summary>A file for a test's own use (another token).</summary>
    public string File(string name) => _folder.File(name);

    /// <summary>Runs `hnv ARGS` against this controller with the operator token.</summary>
    public CliResult Hnv(params string[] args) => CliRunner.Run([.. args, "--controller", Address, "--token-file", TokenFile]);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!_process.WaitForExit(10000))
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        _folder.Dispose();
    }
}
