namespace Hnv.Policy.Model;

/// <summary>How a lookup record's traffic crosses the underlay.</summary>
public enum LookupRule
{
    /// <summary>NVGRE encapsulation: the VM's frame inside GRE from this PA to the record's PA.</summary>
    Encap,

    /// <summary>IP rewrite (HNV "translate"): the CA is rewritten to the PA.</summary>
    Translate,
}
