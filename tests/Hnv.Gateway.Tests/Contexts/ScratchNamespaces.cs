using System.Diagnostics;
using Hnv.Linux.Links;

namespace Hnv.Gateway.Tests.Contexts;

/// <summary>
/// A namespace standing for the gateway's own ("hnvg-xxxx-gw"), and the prefix its contexts get ("hnvg-xxxx-ctx-"). Dispose
/// removes every namespace with the prefix and fails the test if one is left.
/// </summary>
internal sealed class ScratchNamespaces : IDisposable
{
    public ScratchNamespaces()
    {
        Prefix = $"hnvg-{Random.Shared.Next(0x10000):x4}";
        Gateway = $"{Prefix}-gw";
        NetworkNamespace.Create(Gateway);
    }

    public string Prefix { get; }

    /// <summary>The namespace the code under test runs in, as the gateway process would.</summary>
    public string Gateway { get; }

    /// <summary>The start of context names.</summary>
    public string ContextPrefix => $"{Prefix}-ctx-";

    /// <summary>Runs <paramref name="action"/> inside <see cref="Gateway"/> (its child processes too).</summary>
    public T InGateway<T>(Func<T> action) => NetworkNamespace.Run(Gateway, action);

    /// <summary>Runs <c>ip</c> (or another program with <c>ip netns exec</c> in front) and returns stdout.</summary>
    public static string Run(params string[] command)
    {
        Assert.True(ToolCommand.TryRun(command[0], command[1..], out var output, out var error), $"{string.Join(' ', command)}: {error}");
        return output;
    }

    public void Dispose()
    {
        foreach (var name in NetworkNamespace.List(Prefix))
        {
            NetworkNamespace.Delete(name);
        }

        var clock = Stopwatch.StartNew();
        while (NetworkNamespace.List(Prefix).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }

        Assert.Empty(NetworkNamespace.List(Prefix));
    }
}
