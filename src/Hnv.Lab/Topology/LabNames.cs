using System.Text.RegularExpressions;

namespace Hnv.Lab.Topology;

/// <summary>
/// How a lab names what it makes: every namespace and link is <c>&lt;lab&gt;-&lt;thing&gt;</c>, within Linux's
/// 15-character limit. A lab's name has no '-', so one lab's prefix never matches another lab's names.
/// </summary>
public partial class LabNames
{
    /// <summary>Linux interface names are at most 15 characters (IFNAMSIZ 16 with the terminating zero).</summary>
    public const int MaxLinuxName = 15;

    /// <summary>The fabric namespace's suffix: <c>demo-fab</c>.</summary>
    public const string Fabric = "fab";

    /// <summary>The bridge's suffix, inside the fabric namespace: <c>demo-br</c>.</summary>
    public const string Bridge = "br";

    /// <summary>The longest lab name: <c>&lt;lab&gt;-fab</c> must fit.</summary>
    public const int MaxLabName = MaxLinuxName - 4;

    /// <summary><c>&lt;lab&gt;-&lt;thing&gt;</c>.</summary>
    public static string Prefixed(string lab, string thing) => $"{lab}-{thing}";

    /// <summary>The prefix every namespace of lab <paramref name="lab"/> starts with.</summary>
    public static string Prefix(string lab) => lab + "-";

    /// <summary>True for a lab name: a lower-case letter, then lower-case letters and digits.</summary>
    public static bool IsLabName(string name) => LabNamePattern().IsMatch(name);

    /// <summary>True for a host, VM or routing domain name: lower-case letters, digits and inner '-'.</summary>
    public static bool IsMemberName(string name) => MemberNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9]*$")]
    private static partial Regex LabNamePattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex MemberNamePattern();
}
