namespace Hnv.Policy.Documents;

/// <summary>
/// A customer route as written. <see cref="NextHop"/> is "on-link" or absent for on-link, else a CA;
/// <see cref="Metric"/> defaults to 256.
/// </summary>
public sealed class CustomerRouteDocument
{
    public string? Rdid { get; set; }

    public long? Vsid { get; set; }

    public string? Destination { get; set; }

    public string? NextHop { get; set; }

    public int? Metric { get; set; }
}
