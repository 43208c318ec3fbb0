using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Model;

/// <summary>Identifies a lookup record: its VSID and CA.</summary>
public readonly record struct LookupRecordKey(Vsid Vsid, IpAddress Ca);
