using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;

namespace Hnv.Linux.Links;

/// <summary>
/// A network interface by name in a namespace (null: the caller's), and the verbs that configure it.
/// Each verb is one iproute2 call (see <see cref="IpCommand"/>); failures throw <see cref="LinuxException"/>
/// with the command line and iproute2's message.
/// </summary>
public sealed class Link
{
    public Link(string name, string? networkNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        NetworkNamespace = networkNamespace;
    }

    public string Name { get; }

    /// <summary>The named namespace (/var/run/netns) the link is in; null for the process's own.</summary>
    public string? NetworkNamespace { get; }

    /// <summary>Creates a veth pair; both ends start down in <paramref name="networkNamespace"/>.</summary>
    public static (Link End, Link Peer) CreateVethPair(string name, string peerName, string? networkNamespace = null)
    {
        IpCommand.Run(networkNamespace, "link", "add", name, "type", "veth", "peer", "name", peerName);
        return (new Link(name, networkNamespace), new Link(peerName, networkNamespace));
    }

    /// <summary>True if <paramref name="name"/> exists in <paramref name="networkNamespace"/>.</summary>
    public static bool Exists(string name, string? networkNamespace = null) =>
        List(networkNamespace).Any(info => info.Name == name);

    /// <summary>Every link in the namespace.</summary>
    public static IReadOnlyList<LinkInfo> List(string? networkNamespace = null) =>
        Parse(IpCommand.Run(networkNamespace, "-j", "link", "show"));

    /// <summary>Reads the link back from the kernel.</summary>
    public LinkInfo Show() => Parse(IpCommand.Run(NetworkNamespace, "-j", "link", "show", "dev", Name))[0];

    public void SetUp() => Set("up");

    public void SetDown() => Set("down");

    public void SetMtu(int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mtu, 68);
        Set("mtu", mtu.ToString(CultureInfo.InvariantCulture));
    }

    public void SetMacAddress(PhysicalAddress macAddress)
    {
        var bytes = macAddress.GetAddressBytes();
        if (bytes.Length != 6)
        {
            throw new ArgumentException("A MAC address has 6 bytes.", nameof(macAddress));
        }

        Set("address", string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Adds an IPv4 or IPv6 address with its prefix. <paramref name="skipDuplicateDetection"/> (IPv6 "nodad")
    /// makes the address usable at once instead of tentative for about a second.
    /// </summary>
    public void AddAddress(IPAddress address, int prefixLength, bool skipDuplicateDetection = false)
    {
        var isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, isV6 ? 128 : 32);
        var prefix = $"{address}/{prefixLength.ToString(CultureInfo.InvariantCulture)}";
        if (isV6 && skipDuplicateDetection)
        {
            IpCommand.Run(NetworkNamespace, "-6", "address", "add", prefix, "dev", Name, "nodad");
        }
        else
        {
            IpCommand.Run(NetworkNamespace, isV6 ? "-6" : "-4", "address", "add", prefix, "dev", Name);
        }
    }

    /// <summary>Adds the default route of <paramref name="router"/>'s family, via that router, through this link.</summary>
    public void AddDefaultRoute(IPAddress router)
    {
        var family = router.AddressFamily == AddressFamily.InterNetworkV6 ? "-6" : "-4";
        IpCommand.Run(NetworkNamespace, family, "route", "add", "default", "via", router.ToString(), "dev", Name);
    }

    /// <summary>
    /// Moves the link into <paramref name="networkNamespace"/> (it arrives down), renaming it there if
    /// <paramref name="newName"/> is given (e.g. "eth0" inside a VM). Returns the link at its new place.
    /// </summary>
    public Link MoveToNamespace(string networkNamespace, string? newName = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(networkNamespace);
        Set("netns", networkNamespace);
        if (newName is null || newName == Name)
        {
            return new Link(Name, networkNamespace);
        }

        IpCommand.Run(networkNamespace, "link", "set", "dev", Name, "name", newName);
        return new Link(newName, networkNamespace);
    }

    /// <summary>Deletes the link (for a veth, both ends).</summary>
    public void Delete() => IpCommand.Run(NetworkNamespace, "link", "delete", "dev", Name);

    public override string ToString() => NetworkNamespace is null ? Name : $"{NetworkNamespace}/{Name}";

    private void Set(params ReadOnlySpan<string> settings) =>
        IpCommand.Run(NetworkNamespace, ["link", "set", "dev", Name, .. settings]);

    private static List<LinkInfo> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var links = new List<LinkInfo>();
        foreach (var link in document.RootElement.EnumerateArray())
        {
            var isUp = link.TryGetProperty("flags", out var flags) && flags.EnumerateArray().Any(f => f.GetString() == "UP");
            var mac = link.TryGetProperty("address", out var address) && address.GetString() is { } text
                ? PhysicalAddress.Parse(text.Replace(':', '-').ToUpperInvariant())
                : PhysicalAddress.None;
            links.Add(new LinkInfo(
                link.GetProperty("ifname").GetString() ?? string.Empty,
                link.GetProperty("ifindex").GetInt32(),
                link.GetProperty("mtu").GetInt32(),
                mac,
                isUp));
        }

        return links;
    }
}
