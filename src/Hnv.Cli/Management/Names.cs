using System.Globalization;

namespace Hnv.Cli.Management;

/// <summary>Turns what an operator types into the API's keys: a routing domain by RDID or by its name.</summary>
internal static class Names
{
    /// <summary>The RDID of <paramref name="rdidOrName"/>: itself when it is a GUID, else the one domain of that name.</summary>
    public static async Task<string> RdidAsync(ManagementContext context, string rdidOrName)
    {
        if (Guid.TryParse(rdidOrName, out var rdid))
        {
            return rdid.ToString("D", CultureInfo.InvariantCulture);
        }

        var domains = await context.Client.ListRoutingDomainsAsync(context.Cancellation).ConfigureAwait(false);
        var named = domains.Items.Where(d => string.Equals(d.Name, rdidOrName, StringComparison.Ordinal)).ToList();
        return named.Count switch
        {
            1 => named[0].Rdid!,
            0 => throw new ManagementException(
                $"No routing domain has the RDID or name '{rdidOrName}'; see 'hnv routing-domain list'.", ExitCodes.NotFound),
            _ => throw new ManagementException(
                $"{named.Count} routing domains are named '{rdidOrName}'; give the RDID instead (see 'hnv routing-domain list').", ExitCodes.Usage),
        };
    }

    /// <summary>No names known: tables show RDIDs.</summary>
    public static IReadOnlyDictionary<string, string> None { get; } = new Dictionary<string, string>();

    /// <summary>Every routing domain's name by RDID, for tables (a JSON answer keeps the API's RDIDs).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DomainNamesAsync(ManagementContext context)
    {
        if (context.Json)
        {
            return None;
        }

        var domains = await context.Client.ListRoutingDomainsAsync(context.Cancellation).ConfigureAwait(false);
        return domains.Items.Where(d => d.Rdid is not null && !string.IsNullOrEmpty(d.Name)).ToDictionary(d => d.Rdid!, d => d.Name!, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A routing domain for a table cell: its name when known, else its RDID.</summary>
    public static string? DomainName(IReadOnlyDictionary<string, string> names, string? rdid) =>
        rdid is not null && names.TryGetValue(rdid, out var name) ? name : rdid;

    /// <summary>Joins a list for a table cell.</summary>
    public static string? Join(IEnumerable<string>? values) => values is null ? null : string.Join(",", values);

    /// <summary>A number for a table cell.</summary>
    public static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
