using Hnv.Policy.Model;
using Hnv.Wire.Addressing;

namespace Hnv.Gateway.Contexts;

/// <summary>A forward domain's prefix the gateway neither routes nor announces, and why.</summary>
public sealed record RefusedPrefix(Rdid Rdid, IpPrefix Prefix, string Reason);
