using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Hnv.Wire.Addressing;

namespace Hnv.Policy.Snapshots;

/// <summary>
/// Longest-prefix match over IPv4 and IPv6 prefixes: per family, the distinct prefix lengths in descending
/// order, each with a frozen hash of masked address -> value; a lookup probes the longest length first.
/// Built once, never mutated, so any number of readers may share it. Lookups allocate nothing.
/// </summary>
internal sealed class PrefixTable<T>
    where T : class
{
    private readonly Level[] _v4;
    private readonly Level[] _v6;

    /// <summary>Builds from entries with distinct prefixes (the caller settles ties).</summary>
    public PrefixTable(IEnumerable<KeyValuePair<IpPrefix, T>> entries)
    {
        var v4 = new SortedDictionary<int, Dictionary<IpAddress, T>>();
        var v6 = new SortedDictionary<int, Dictionary<IpAddress, T>>();
        foreach (var (prefix, value) in entries)
        {
            var levels = prefix.IsV6 ? v6 : v4;
            if (!levels.TryGetValue(prefix.Length, out var level))
            {
                levels[prefix.Length] = level = [];
            }

            level[prefix.Address] = value;
        }

        _v4 = ToLevels(v4);
        _v6 = ToLevels(v6);
    }

    /// <summary>The value of the longest prefix holding <paramref name="address"/>.</summary>
    public bool TryMatch(IpAddress address, [MaybeNullWhen(false)] out T value)
    {
        var levels = address.IsV6 ? _v6 : _v4;
        for (var i = 0; i < levels.Length; i++)
        {
            if (levels[i].Entries.TryGetValue(address.Mask(levels[i].Length), out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    private static Level[] ToLevels(SortedDictionary<int, Dictionary<IpAddress, T>> byLength)
    {
        var levels = new Level[byLength.Count];
        var i = levels.Length;
        foreach (var (length, entries) in byLength)
        {
            levels[--i] = new Level(length, entries.ToFrozenDictionary());
        }

        return levels;
    }

    private readonly record struct Level(int Length, FrozenDictionary<IpAddress, T> Entries);
}
