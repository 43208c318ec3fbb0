namespace Hnv.Gateway.Contexts;

/// <summary>
/// One connection as <c>conntrack -L</c> prints it: the protocol, the TCP state if any, and the original and reply
/// directions' addresses and ports (ICMP has none). In a nat domain's context the original source is the VM's CA and
/// the reply's destination the domain's transit address.
/// </summary>
public sealed record ConntrackEntry(string Protocol, string? State, ConntrackTuple Original, ConntrackTuple Reply)
{
    /// <summary>Reads one line; null when it is not a connection (a header or summary line).</summary>
    public static ConntrackEntry? Parse(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4)
        {
            return null;
        }

        string? state = null;
        var tuples = new List<Dictionary<string, string>>();
        foreach (var word in words.Skip(3))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                state ??= word.StartsWith('[') ? null : word;
                continue;
            }

            var key = word[..equals];
            if (key == "src" && tuples.Count < 2)
            {
                tuples.Add([]);
            }

            if (tuples.Count > 0 && key is "src" or "dst" or "sport" or "dport" or "type" or "code" or "id")
            {
                tuples[^1].TryAdd(key, word[(equals + 1)..]);
            }
        }

        return tuples.Count == 2 ? new ConntrackEntry(words[0], state, Tuple(tuples[0]), Tuple(tuples[1])) : null;
    }

    private static ConntrackTuple Tuple(Dictionary<string, string> fields) =>
        new(fields.GetValueOrDefault("src") ?? "", fields.GetValueOrDefault("dst") ?? "", Port(fields, "sport"), Port(fields, "dport"));

    private static int? Port(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : null;
}
