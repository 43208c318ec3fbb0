using System.Diagnostics;
using Hnv.Linux.Links;

namespace Hnv.Linux.Tests.Support;

/// <summary>
/// Every namespace and link a system test makes, under one unique prefix ("hnvt-xxxx"). Dispose removes them
/// and then checks that nothing with the prefix is left in the root namespace or /var/run/netns; a leftover
/// fails the test (docs/architecture.md, "tests in tiers"). Links inside a deleted namespace die with it.
/// </summary>
internal sealed class SystemResources : IDisposable
{
    private static readonly TimeSpan GoneTimeout = TimeSpan.FromSeconds(10);

    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];

    public SystemResources()
    {
        // Unique per test instance, so tests may run in parallel and a crashed run's leftovers are recognisable.
        Prefix = $"hnvt-{Random.Shared.Next(0x10000):x4}";
    }

    /// <summary>"hnvt-xxxx": 9 characters, leaving 6 of an interface name's 15 for a suffix.</summary>
    public string Prefix { get; }

    /// <summary>Creates and registers the namespace "prefix-suffix".</summary>
    public string CreateNamespace(string suffix)
    {
        var name = $"{Prefix}-{suffix}";
        _namespaces.Add(name);
        NetworkNamespace.Create(name);
        return name;
    }

    /// <summary>Registers the root-namespace link name "prefix-suffix" the caller is about to create.</summary>
    public string LinkName(string suffix)
    {
        var name = $"{Prefix}-{suffix}";
        _links.Add(name);
        return name;
    }

    public void Dispose()
    {
        var failures = new List<string>();
        foreach (var name in _namespaces.Where(NetworkNamespace.Exists))
        {
            Try(() => NetworkNamespace.Delete(name), failures);
        }

        foreach (var name in _links.Where(name => Link.Exists(name)))
        {
            // A TAP whose descriptor was just closed goes away on its own, possibly between Exists and Delete.
            Try(() =>
            {
                try
                {
                    new Link(name).Delete();
                }
                catch (LinuxException) when (!Link.Exists(name))
                {
                }
            }, failures);
        }

        // Namespace teardown (and the veth peers it takes along) finishes asynchronously in the kernel.
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> leftovers;
        while ((leftovers = Leftovers()).Count > 0 && clock.Elapsed < GoneTimeout)
        {
            Thread.Sleep(50);
        }

        failures.AddRange(leftovers.Select(name => $"left over: {name}"));
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    private List<string> Leftovers() =>
    [
        .. NetworkNamespace.List(Prefix).Select(name => $"netns {name}"),
        .. Link.List().Where(link => link.Name.StartsWith(Prefix, StringComparison.Ordinal)).Select(link => $"link {link.Name}"),
    ];

    private static void Try(Action action, List<string> failures)
    {
        try
        {
            action();
        }
        catch (LinuxException e)
        {
            failures.Add(e.Message);
        }
    }
}
