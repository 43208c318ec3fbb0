using Hnv.Wire.Addressing;

namespace Hnv.Policy.Model;

/// <summary>Identifies a provider address: host and PA.</summary>
public readonly record struct ProviderAddressKey(string Host, IpAddress Pa);
