using System.Diagnostics;
using Hnv.Gateway.Configuration;
using Hnv.Gateway.Contexts;
using Hnv.Linux.Links;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Bgp;

/// <summary>
/// Drives FRR's bgpd the way mature projects do (MetalLB's FRR mode): the gateway renders the whole configuration
/// (<see cref="FrrConfig"/>), has vtysh check it, and applies the difference to the running bgpd with frr-reload.py,
/// so sessions stay up while announcements change. bgpd is the gateway's child: started with the first configuration,
/// started again if it died, stopped with the gateway (its announcements are withdrawn then). It dies with the gateway
/// too when the gateway is killed: `setpriv --pdeathsig KILL` asks the kernel to kill it when its parent thread ends, and
/// that parent is <see cref="Launcher"/>, a thread that lives as long as the process (a pool thread could end any time).
/// A killed gateway's bgpd must not go on announcing forward domains toward a context nobody forwards for.
/// </summary>
public sealed class FrrSpeaker(BgpSettings bgp, string name) : IDisposable
{
    /// <summary>Debian's frr package puts the daemons here.</summary>
    private const string Daemons = "/usr/lib/frr";

    /// <summary>The one thread bgpd is started from, so its parent-death signal fires only when the process ends.</summary>
    private static readonly Launcher Starter = new();

    private Process? _bgpd;
    private HashSet<IpPrefix>? _announced;

    private string ConfigFile => Path.Combine(bgp.Directory, "bgpd.conf");

    /// <summary>The prefixes announced now (null before the first <see cref="Announce"/>).</summary>
    public IReadOnlySet<IpPrefix>? Announced => _announced;

    /// <summary>False once bgpd was started and has exited since (the next <see cref="Announce"/> starts it again).</summary>
    public bool Running => _bgpd is null || !_bgpd.HasExited;

    /// <summary>Announces exactly <paramref name="prefixes"/>; true when that changed anything. Throws <see cref="ContextException"/> when FRR refuses.</summary>
    public bool Announce(IReadOnlySet<IpPrefix> prefixes)
    {
        var running = _bgpd is { HasExited: false };
        if (running && _announced is not null && _announced.SetEquals(prefixes))
        {
            return false;
        }

        Directory.CreateDirectory(bgp.Directory);
        var candidate = ConfigFile + ".new";
        File.WriteAllText(candidate, FrrConfig.Render(bgp, name, prefixes));
        Run("vtysh", ["-C", "-f", candidate], "checking the rendered configuration");
        File.Move(candidate, ConfigFile, overwrite: true);
        if (running)
        {
            Run(Path.Combine(Daemons, "frr-reload.py"), ["--reload", "--daemon", "bgpd", "--vty_socket", bgp.Directory, "--rundir", bgp.Directory,
                "--confdir", bgp.Directory, "--bindir", "/usr/bin", ConfigFile], "applying it to the running bgpd");
        }
        else
        {
            Start();
        }

        _announced = [.. prefixes];
        return true;
    }

    /// <summary>Stops bgpd (its neighbors withdraw what it announced); only the first call does anything.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _bgpd, null) is not { } bgpd)
        {
            return;
        }

        if (!bgpd.HasExited)
        {
            bgpd.Kill();
            bgpd.WaitForExit(TimeSpan.FromSeconds(5));
        }

        bgpd.Dispose();
    }

    private void Start()
    {
        _bgpd?.Dispose();
        var start = new ProcessStartInfo("setpriv") { UseShellExecute = false };
        // -S: no user switch (the gateway already runs as root with what it needs); -Z: no zebra (announce only).
        foreach (var argument in (string[])["--pdeathsig", "KILL", "--", Path.Combine(Daemons, "bgpd"), "-S", "-Z", "-f", ConfigFile, "-i", Path.Combine(bgp.Directory, "bgpd.pid"),
            "--vty_socket", bgp.Directory])
        {
            start.ArgumentList.Add(argument);
        }

        _bgpd = Starter.Start(start) ?? throw new ContextException("bgpd did not start.");
        var socket = Path.Combine(bgp.Directory, "bgpd.vty");
        for (var i = 0; i < 100 && !File.Exists(socket) && !_bgpd.HasExited; i++)
        {
            Thread.Sleep(50);
        }

        if (!File.Exists(socket))
        {
            throw new ContextException($"bgpd did not open {socket}; see {Path.Combine(bgp.Directory, "bgpd.log")}.");
        }
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string what)
    {
        if (!ToolCommand.TryRun(program, arguments, out var output, out var error))
        {
            throw new ContextException($"FRR refused {what} ({program} {string.Join(' ', arguments)}): {(error + output).Trim()}");
        }
    }

    /// <summary>Starts processes from one thread of its own that never ends before the process does.</summary>
    private sealed class Launcher
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process?> Result)> _requests = [];

        public Launcher() => new Thread(Run) { IsBackground = true, Name = "hnv-frr-launcher" }.Start();

        public Process? Start(ProcessStartInfo start)
        {
            var result = new TaskCompletionSource<Process?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requests.Add((start, result));
            return result.Task.GetAwaiter().GetResult();
        }

        private void Run()
        {
            foreach (var (start, result) in _requests.GetConsumingEnumerable())
            {
                try
                {
                    result.SetResult(Process.Start(start));
                }
#pragma warning disable CA1031 // Whatever starting failed with is the caller's to see.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    result.SetException(e);
                }
            }
        }
    }
}
