using System.Runtime.ExceptionServices;

namespace Hnv.Linux.Links;

/// <summary>
/// Named network namespaces (the /var/run/netns files <c>ip netns</c> manages): create, delete, list, and run
/// code inside one. Creation and deletion go through iproute2 (control path, see <see cref="IpCommand"/>).
/// </summary>
public static class NetworkNamespace
{
    private const string Directory = "/var/run/netns";

    /// <summary>Creates the namespace (its loopback is down, as the kernel makes it).</summary>
    public static void Create(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        IpCommand.Run(null, "netns", "add", name);
    }

    /// <summary>
    /// Removes the name. The kernel frees the namespace, and deletes its virtual links, once the last
    /// descriptor opened inside it (socket, TAP reopened there) is closed.
    /// </summary>
    public static void Delete(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        IpCommand.Run(null, "netns", "delete", name);
    }

    public static bool Exists(string name) => File.Exists(Path.Combine(Directory, name));

    /// <summary>
    /// Which namespace the calling thread is in, as the kernel names it ("net:[4026531840]"): to tell later whether
    /// code runs in the namespace something was set up in (names can be missing; this cannot).
    /// </summary>
    public static string Current() => new FileInfo("/proc/thread-self/ns/net").LinkTarget ?? string.Empty;

    /// <summary>The names of all named namespaces starting with <paramref name="prefix"/>, sorted.</summary>
    public static IReadOnlyList<string> List(string prefix = "")
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateFiles(Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a new dedicated thread that has entered the namespace with setns, and
    /// returns its result (exceptions are rethrown here). Sockets and TAP descriptors opened inside keep that
    /// namespace after the thread ends, which is the point: open an underlay socket or reattach a TAP in a
    /// namespace, then use it from any thread. The thread ends when the action returns, so no other code
    /// ever runs in the namespace by accident.
    /// </summary>
    public static T Run<T>(string name, Func<T> action)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var ns = Interop.Open(Path.Combine(Directory, name), Interop.O_RDONLY | Interop.O_CLOEXEC);
                if (ns.IsInvalid)
                {
                    throw LinuxException.FromLastError($"open {Path.Combine(Directory, name)}");
                }

                if (Interop.SetNs(ns, Interop.CLONE_NEWNET) < 0)
                {
                    throw LinuxException.FromLastError($"setns {name}");
                }

                result = action();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {name}",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Runs <paramref name="action"/> inside the namespace; see <see cref="Run{T}"/>.</summary>
    public static void Run(string name, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(name, () =>
        {
            action();
            return true;
        });
    }
}
