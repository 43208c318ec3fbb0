namespace Hnv.Client.Resources;

/// <summary>
/// A VM's network interface (NIC): its MAC and CAs in one virtual subnet, on one host. The controller derives
/// one lookup record per CA (CA + VSID -> MAC + the host's PA of the CA's family, or its only PA); moving the
/// NIC to another host (<see cref="Host"/>) moves its records. The NIC itself (the TAP or interface) is
/// attached on the host through the agent's local API; the agent matches it to these records by MAC.
/// </summary>
public sealed class NetworkInterfaceDocument
{
    public string? Name { get; set; }

    public string? Host { get; set; }

    public long? Vsid { get; set; }

    public string? Mac { get; set; }

    public List<string>? Addresses { get; set; }
}
