using System.Net.NetworkInformation;

namespace Hnv.Linux.Links;

/// <summary>What <c>ip -j link show</c> reports about one link.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Index">The ifindex, unique within its namespace (for <see cref="Sockets.PacketSocket"/>).</param>
/// <param name="Mtu">The MTU in bytes.</param>
/// <param name="MacAddress">The hardware address.</param>
/// <param name="IsUp">The administrative UP flag.</param>
public sealed record LinkInfo(string Name, int Index, int Mtu, PhysicalAddress MacAddress, bool IsUp);
