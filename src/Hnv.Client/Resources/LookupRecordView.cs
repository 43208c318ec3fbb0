namespace Hnv.Client.Resources;

/// <summary>
/// A lookup record as the controller lists it: the record's fields and where it comes from, "explicit" (written
/// through /lookup-records, e.g. for a gateway) or "nic:NAME" (derived from a network interface, changed only
/// through the NIC).
/// </summary>
public sealed class LookupRecordView
{
    public string? Ca { get; set; }

    public long? Vsid { get; set; }

    public string? Mac { get; set; }

    public string? Pa { get; set; }

    public string? Rule { get; set; }

    public string? Type { get; set; }

    public string? Source { get; set; }
}
