using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Model;

/// <summary>CA + VSID -> MAC + PA (+ rule): what every host needs to forward.</summary>
public sealed record LookupRecord(IpAddress Ca, Vsid Vsid, MacAddress Mac, IpAddress Pa, LookupRule Rule, LookupRecordType Type)
{
    /// <summary>The record's identity within a policy: its VSID and CA.</summary>
    public LookupRecordKey Key => new(Vsid, Ca);
}
