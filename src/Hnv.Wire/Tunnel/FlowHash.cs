using Hnv.Wire.Parsing;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// The NVGRE FlowID (RFC 7637 section 3.2): an 8-bit hash of the inner flow, so that the underlay's ECMP
/// spreads flows while keeping each flow's packets in order. Deterministic (no per-process seed), so a
/// flow keeps its FlowID across agent restarts and on every host.
/// </summary>
public static class FlowHash
{
    /// <summary>Hashes addresses, protocol and ports (not for fragments); non-IP frames hash their MAC addresses.</summary>
    public static byte Compute(in FrameSummary flow)
    {
        ulong h;
        if (flow.IsIp)
        {
            var s = flow.Source.Value;
            var d = flow.Destination.Value;
            h = Mix((ulong)s ^ Mix((ulong)(s >> 64)));
            h = Mix(h ^ (ulong)d);
            h = Mix(h ^ (ulong)(d >> 64));
            // Fragments hash without ports: only the first carries them, and all of a datagram's fragments
            // must take one path (and arrive in order) to be reassembled.
            var ports = flow.IsFragment ? 0UL : ((ulong)flow.SourcePort << 16) | flow.DestinationPort;
            h = Mix(h ^ ((ulong)flow.Protocol << 32) ^ ports);
        }
        else
        {
            h = Mix(flow.SourceMac.Value ^ Mix(flow.DestinationMac.Value));
        }

        // Fold all 64 bits into 8 so that every input bit can move the result.
        h ^= h >> 32;
        h ^= h >> 16;
        h ^= h >> 8;
        return (byte)h;
    }

    // splitmix64's finaliser: cheap, and every input bit affects every output bit.
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
