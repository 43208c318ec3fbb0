using System.Text.Json.Serialization;

namespace Hnv.Lab.Topology;

/// <summary>Which PAs the hosts of a lab get, and so which outer header NVGRE uses.</summary>
public enum UnderlayFamily
{
    /// <summary>One IPv4 PA per host (192.0.2.0/24 by default).</summary>
    [JsonStringEnumMemberName("ipv4")]
    Ipv4,

    /// <summary>One IPv6 PA per host (2001:db8::/64 by default).</summary>
    [JsonStringEnumMemberName("ipv6")]
    Ipv6,

    /// <summary>One of each; a CA is carried over the PA of its own family.</summary>
    [JsonStringEnumMemberName("dual")]
    Dual,
}
