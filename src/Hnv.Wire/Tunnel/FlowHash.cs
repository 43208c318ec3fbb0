using System.Numerics;
using Hnv.Wire.Parsing;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// The NVGRE FlowID (RFC 7637 section 3.2): an 8-bit hash of the inner flow, so that the underlay's ECMP
/// spreads flows while keeping each flow's packets in order. Deterministic (no per-process seed), so a
/// flow keeps its FlowID across agent restarts and on every host. CRC-32C is one instruction per 8 bytes on
/// x64 and arm64 (and the same value in software elsewhere), and mixes every input bit into the result.
/// </summary>
public static class FlowHash
{
    /// <summary>Hashes addresses, protocol and ports (not for fragments); non-IP frames hash their MAC addresses.</summary>
    public static byte Compute(in FrameSummary flow)
    {
        uint crc;
        if (flow.IsIp)
        {
            var s = flow.Source.Value;
            var d = flow.Destination.Value;
            crc = BitOperations.Crc32C(0u, (ulong)s);
            crc = BitOperations.Crc32C(crc, (ulong)d);
            if (flow.Source.IsV6)
            {
                crc = BitOperations.Crc32C(crc, (ulong)(s >> 64));
                crc = BitOperations.Crc32C(crc, (ulong)(d >> 64));
            }

            // Fragments hash without ports: only the first carries them, and all of a datagram's fragments
            // must take one path (and arrive in order) to be reassembled.
            var ports = flow.IsFragment ? 0UL : ((ulong)flow.SourcePort << 16) | flow.DestinationPort;
            crc = BitOperations.Crc32C(crc, ((ulong)flow.Protocol << 32) | ports);
        }
        else
        {
            crc = BitOperations.Crc32C(BitOperations.Crc32C(0u, flow.SourceMac.Value), flow.DestinationMac.Value);
        }

        // Fold all 32 bits into 8 so that every input bit can move the result. Zero is kept for "hashing off"
        // (a FlowID of 0 tells the fabric there is no entropy here), so a hash of 0 becomes 1.
        crc ^= crc >> 16;
        crc ^= crc >> 8;
        var flowId = (byte)crc;
        return flowId == 0 ? (byte)1 : flowId;
    }
}
