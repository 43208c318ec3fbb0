using System.Buffers.Binary;
using System.Diagnostics;
using Hnv.Linux.Ebpf;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Support;
using Hnv.Wire.Offloads;

namespace Hnv.Linux.Tests.Ebpf;

/// <summary>
/// The tcx program that makes a user-space NVGRE super-frame a GSO packet the kernel segments, on a real veth pair:
/// a veth takes GRE GSO whole, as a NIC with GRE segmentation offload would; the same veth with that offload (and
/// checksumming) turned off makes the kernel cut it in software, which shows every segment is what the wire needs.
/// </summary>
[Trait("tier", "system")]
public sealed class GreSegmentationOffloadTests : IDisposable
{
    private const int Mss = 1400;
    private const int SegmentCount = 12;
    private const uint NvgreKey = (5001u << 8) | 7;
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SuperFrame_CrossesAVethWhole_AsTunnelledGso(bool outerV6, bool innerV6)
    {
        var (ns, end, peer) = Veth();
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));
        using var offload = NetworkNamespace.Run(ns, () => GreSegmentationOffload.Attach(end.Show().Index, sender));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, ReceiverOptions));
        var (frame, header) = SuperFrame(outerV6, innerV6);

        Assert.True(sender.Send(Header(header), frame).IsSuccess);

        var received = FrameReader.ReadUntil(receiver.Handle, b => receiver.Receive(b), IsNvgre, ReceiveTimeout);
        Assert.NotNull(received);
        Assert.True(VirtioNetHeader.TryRead(received, out var got));
        Assert.Equal(innerV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4, got.GsoType);
        Assert.Equal(Mss, got.GsoSize);
        Assert.Equal(header.ChecksumStart, got.ChecksumStart);
        Assert.Equal(frame, received[VirtioNetHeader.Length..]);
        Assert.Equal(1, offload.Encapsulated);
        Assert.Equal(0, offload.Failed);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void SuperFrame_OnADeviceThatCannotSegmentGre_IsCutIntoValidNvgrePackets(bool outerV6, bool innerV6)
    {
        var (ns, end, peer) = Veth();
        Ethtool(ns, "-K", end.Name, "tx-gre-segmentation", "off", "tx", "off");
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));
        using var offload = NetworkNamespace.Run(ns, () => GreSegmentationOffload.Attach(end.Show().Index, sender));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, ReceiverOptions));
        var (frame, header) = SuperFrame(outerV6, innerV6);
        var outerLength = outerV6 ? 40 : 20;
        var innerIp = 14 + outerLength + 8 + 14;
        var tcpStart = header.ChecksumStart;

        Assert.True(sender.Send(Header(header), frame).IsSuccess);

        var payload = new List<byte>();
        for (var i = 0; i < SegmentCount; i++)
        {
            var received = FrameReader.ReadUntil(receiver.Handle, b => receiver.Receive(b), IsNvgre, ReceiveTimeout);
            Assert.NotNull(received);
            var segment = received.AsSpan(VirtioNetHeader.Length);
            Assert.True(segment.Length <= 14 + outerLength + 8 + 14 + (innerV6 ? 40 : 20) + 20 + Mss);

            // The outer header: its own length (and, IPv4, a valid header checksum); the GRE key carried over.
            if (outerV6)
            {
                Assert.Equal(segment.Length - 14 - 40, BinaryPrimitives.ReadUInt16BigEndian(segment[18..]));
            }
            else
            {
                Assert.Equal(segment.Length - 14, BinaryPrimitives.ReadUInt16BigEndian(segment[16..]));
                Assert.Equal(0, Frames.Checksum(segment.Slice(14, 20)));
            }

            Assert.Equal(NvgreKey, BinaryPrimitives.ReadUInt32BigEndian(segment[(14 + outerLength + 4)..]));

            // The inner packet: its own length, the sequence number where it starts, a complete TCP checksum.
            var tcpLength = segment.Length - tcpStart;
            Assert.Equal(innerV6 ? tcpLength : tcpLength + 20, BinaryPrimitives.ReadUInt16BigEndian(segment[(innerIp + (innerV6 ? 4 : 2))..]));
            Assert.Equal(1000u + (uint)(i * Mss), BinaryPrimitives.ReadUInt32BigEndian(segment[(tcpStart + 4)..]));
            Assert.Equal(0, TcpChecksum(segment, innerIp, tcpStart, innerV6));
            payload.AddRange(segment[(tcpStart + 20)..].ToArray());
        }

        Assert.Equal(frame.AsSpan(tcpStart + 20).ToArray(), payload.ToArray());
        Assert.Equal(1, offload.Encapsulated);
    }

    [Fact]
    public void FramesOfOtherSockets_AreLeftAlone()
    {
        var (ns, end, peer) = Veth();
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));
        using var offload = NetworkNamespace.Run(ns, () => GreSegmentationOffload.Attach(end.Show().Index, sender));
        using var other = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));
        using var receiver = NetworkNamespace.Run(ns, () => PacketSocket.Open(peer.Name, ReceiverOptions));
        var (frame, header) = SuperFrame(outerV6: false, innerV6: false);

        // The same super-frame from a socket the program does not serve is not made a tunnel: the kernel's check of a
        // GSO packet from user space (gre_gso_segment) then refuses it outright.
        Assert.False(other.Send(Header(header), frame).IsSuccess);

        // A plain NVGRE packet from it passes untouched.
        var plain = frame.AsSpan(0, header.ChecksumStart + 20 + Mss).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(16), (ushort)(plain.Length - 14));
        plain.AsSpan(24, 2).Clear();
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(24), Frames.Checksum(plain.AsSpan(14, 20)));
        Assert.True(other.Send(Header(default), plain).IsSuccess);
        var received = FrameReader.ReadUntil(receiver.Handle, b => receiver.Receive(b), IsNvgre, ReceiveTimeout);
        Assert.NotNull(received);
        Assert.Equal(plain, received[VirtioNetHeader.Length..]);
        Assert.Equal(0, offload.Encapsulated);
        Assert.Equal(0, offload.Failed);
    }

    [Fact]
    public void Dispose_DetachesTheProgram()
    {
        var (ns, end, _) = Veth();
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));
        var offload = NetworkNamespace.Run(ns, () => GreSegmentationOffload.Attach(end.Show().Index, sender));
        var (frame, header) = SuperFrame(outerV6: false, innerV6: false);
        Assert.True(sender.Send(Header(header), frame).IsSuccess);

        offload.Dispose();

        // Without the program the kernel refuses the super-frame (see above): nothing is left on the interface.
        Assert.False(sender.Send(Header(header), frame).IsSuccess);
        Assert.Equal(0, offload.Encapsulated); // the counters went with it, and read 0
    }

    [Fact]
    public void Attach_ToAnInterfaceThatIsNotThere_SaysWhatFailed()
    {
        var (ns, end, _) = Veth();
        using var sender = NetworkNamespace.Run(ns, () => PacketSocket.Open(end.Name, SenderOptions));

        // What the agent meets where the kernel cannot attach (no tcx before Linux 6.6, no BPF): an error that names the call.
        var e = Assert.Throws<LinuxException>(() => NetworkNamespace.Run(ns, () => GreSegmentationOffload.Attach(int.MaxValue, sender)));

        Assert.Contains("BPF_LINK_CREATE", e.Message, StringComparison.Ordinal);
    }

    private const PacketSocketOptions SenderOptions = PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader | PacketSocketOptions.SendOnly;

    private const PacketSocketOptions ReceiverOptions = PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader;

    private (string Namespace, Link End, Link Peer) Veth()
    {
        var ns = _resources.CreateNamespace("g");
        var (end, peer) = Link.CreateVethPair($"{_resources.Prefix}-a", $"{_resources.Prefix}-b", ns);
        end.SetUp();
        peer.SetUp();
        return (ns, end, peer);
    }

    private static bool IsNvgre(ReadOnlySpan<byte> message)
    {
        var frame = message[VirtioNetHeader.Length..];
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        return (etherType == 0x0800 && frame[14 + 9] == 47) || (etherType == 0x86DD && frame[14 + 6] == 47);
    }

    private static byte[] Header(VirtioNetHeader header)
    {
        var bytes = new byte[VirtioNetHeader.Length];
        header.Write(bytes);
        return bytes;
    }

    /// <summary>
    /// An NVGRE frame around one TCP super-frame of <see cref="SegmentCount"/> segments, as the agent sends it: the
    /// inner lengths covering everything, the TCP checksum holding the pseudo-header's sum (partial).
    /// </summary>
    private static (byte[] Frame, VirtioNetHeader Header) SuperFrame(bool outerV6, bool innerV6)
    {
        var outerLength = outerV6 ? 40 : 20;
        var innerIpLength = innerV6 ? 40 : 20;
        var tcpLength = 20 + (Mss * SegmentCount);
        var innerIp = 14 + outerLength + 8 + 14;
        var tcpStart = innerIp + innerIpLength;
        var frame = new byte[tcpStart + tcpLength];
        frame.AsSpan(0, 6).Fill(0xFF);
        byte[] sourceMac = [0x02, 0x48, 0x4E, 0x56, 0x00, 0x01];
        sourceMac.CopyTo(frame, 6);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), outerV6 ? (ushort)0x86DD : (ushort)0x0800);
        WriteIp(frame.AsSpan(14), outerV6, 47, 8 + 14 + innerIpLength + tcpLength, [192, 0, 2, 1], [192, 0, 2, 2]);
        var gre = frame.AsSpan(14 + outerLength);
        BinaryPrimitives.WriteUInt16BigEndian(gre, 0x2000);
        BinaryPrimitives.WriteUInt16BigEndian(gre[2..], 0x6558);
        BinaryPrimitives.WriteUInt32BigEndian(gre[4..], NvgreKey);
        var inner = frame.AsSpan(innerIp - 14);
        byte[] innerMacs = [0x02, 0, 0, 0, 0, 0x14, 0x02, 0, 0, 0, 0, 0x0A];
        innerMacs.CopyTo(inner);
        BinaryPrimitives.WriteUInt16BigEndian(inner[12..], innerV6 ? (ushort)0x86DD : (ushort)0x0800);
        WriteIp(frame.AsSpan(innerIp), innerV6, 6, tcpLength, [10, 0, 0, 10], [10, 0, 0, 20]);
        var tcp = frame.AsSpan(tcpStart);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 40000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5201);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], 1000);
        tcp[12] = 5 << 4;
        tcp[13] = 0x10; // ACK
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        for (var i = 20; i < tcpLength; i++)
        {
            tcp[i] = (byte)(i * 7);
        }

        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], (ushort)~PseudoHeaderChecksum(frame, innerIp, innerV6, tcpLength));
        var header = new VirtioNetHeader(VirtioNetHeader.NeedsChecksum, innerV6 ? VirtioNetHeader.GsoTcpV6 : VirtioNetHeader.GsoTcpV4,
            (ushort)(tcpStart + 20), Mss, (ushort)tcpStart, 16);
        return (frame, header);
    }

    private static void WriteIp(Span<byte> ip, bool v6, byte protocol, int payloadLength, byte[] v4Source, byte[] v4Destination)
    {
        if (v6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)payloadLength);
            ip[6] = protocol;
            ip[7] = 64;
            byte[] prefix = [0x20, 0x01, 0x0D, 0xB8];
            prefix.CopyTo(ip[8..]);
            ip[23] = v4Source[3];
            prefix.CopyTo(ip[24..]);
            ip[39] = v4Destination[3];
            return;
        }

        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + payloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF
        ip[8] = 64;
        ip[9] = protocol;
        v4Source.CopyTo(ip[12..]);
        v4Destination.CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Frames.Checksum(ip[..20]));
    }

    /// <summary>The complement of the pseudo-header's checksum: what is left in the field when the sum over it is partial.</summary>
    private static ushort PseudoHeaderChecksum(ReadOnlySpan<byte> frame, int ip, bool v6, int tcpLength)
    {
        var pseudo = new byte[v6 ? 40 : 12];
        if (v6)
        {
            frame.Slice(ip + 8, 32).CopyTo(pseudo);
            BinaryPrimitives.WriteUInt32BigEndian(pseudo.AsSpan(32), (uint)tcpLength);
            pseudo[39] = 6;
        }
        else
        {
            frame.Slice(ip + 12, 8).CopyTo(pseudo);
            pseudo[9] = 6;
            BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)tcpLength);
        }

        return Frames.Checksum(pseudo);
    }

    /// <summary>0 when the TCP checksum over the segment (with its pseudo-header) is right.</summary>
    private static int TcpChecksum(ReadOnlySpan<byte> frame, int ip, int tcpStart, bool v6)
    {
        var tcpLength = frame.Length - tcpStart;
        var pseudo = (ushort)~PseudoHeaderChecksum(frame, ip, v6, tcpLength);
        var whole = new byte[2 + tcpLength];
        BinaryPrimitives.WriteUInt16BigEndian(whole, pseudo);
        frame[tcpStart..].CopyTo(whole.AsSpan(2));
        return Frames.Checksum(whole);
    }

    private static void Ethtool(string ns, params string[] arguments) => Run("ip", ["netns", "exec", ns, "ethtool", .. arguments]);

    private static string Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {output}");
        return output;
    }
}
