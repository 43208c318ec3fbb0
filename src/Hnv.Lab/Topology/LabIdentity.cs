using System.Security.Cryptography;
using System.Text;
using Hnv.Wire.Addressing;

namespace Hnv.Lab.Topology;

/// <summary>
/// Stable identities derived from the lab's name: the same lab and name give the same RDID and MAC on every
/// run and machine, and two labs never share them.
/// </summary>
internal static class LabIdentity
{
    /// <summary>An RDID for routing domain <paramref name="domain"/> of lab <paramref name="lab"/> (a version-8 GUID).</summary>
    public static Guid Rdid(string lab, string domain)
    {
        Span<byte> bytes = stackalloc byte[16];
        Hash($"hnv-lab/rdid/{lab}/{domain}", bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A locally administered unicast MAC (02:xx:xx:xx:xx:xx) for VM <paramref name="vm"/> of lab <paramref name="lab"/>.</summary>
    public static MacAddress Mac(string lab, string vm)
    {
        Span<byte> bytes = stackalloc byte[MacAddress.Length];
        Hash($"hnv-lab/mac/{lab}/{vm}", bytes);
        bytes[0] = 0x02;
        return MacAddress.Read(bytes);
    }

    private static void Hash(string text, Span<byte> destination)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        digest[..destination.Length].CopyTo(destination);
    }
}
