using Hnv.Linux.Sockets;

namespace Hnv.Linux.Ebpf;

/// <summary>
/// Lets the kernel segment NVGRE that user space sends, as it segments its own tunnels' packets. A packet socket can
/// hand the kernel a 64 KiB TCP super-frame, but the virtio header has no GRE type, so one with an outer IP and GRE
/// header in front would be cut in the wrong place. This program, on the underlay's tcx egress hook and for one
/// socket's frames (its cookie), moves the outer headers back in with <c>bpf_skb_adjust_room</c>'s encapsulation
/// flags, so the frame is a GSO packet with its tunnel marked: the NIC or the kernel's gre_gso_segment cuts it,
/// each segment with its own lengths, IPv4 ID and checksums (decision 0004). A frame it cannot convert is dropped
/// and counted (<see cref="Failed"/>), never sent with a wrong layout. Disposing this, or the agent ending in any
/// way, detaches the program.
/// </summary>
public sealed class GreSegmentationOffload : IDisposable
{
    /// <summary>Outer IPv4 (no options, as the agent writes it), GRE with a key, inner Ethernet.</summary>
    public const int TunnelHeaderV4 = 20 + 8 + 14;

    /// <summary>Outer IPv6, GRE with a key, inner Ethernet.</summary>
    public const int TunnelHeaderV6 = 40 + 8 + 14;

    private const int HelperMapLookup = 1;
    private const int HelperStoreBytes = 9;
    private const int HelperLoadBytes = 26;
    private const int HelperSocketCookie = 46;
    private const int HelperAdjustRoom = 50;

    private const int AdjustRoomMac = 1;
    private const ulong FixedGso = 1UL << 0;
    private const ulong EncapsulateIpv4 = 1UL << 1;
    private const ulong EncapsulateIpv6 = 1UL << 2;
    private const ulong EncapsulateGre = 1UL << 3;
    private const ulong EncapsulateEthernet = 1UL << 6;
    private const ulong InnerEthernetLength = 14UL << 56;

    private const int Pass = 0;
    private const int DropFrame = 2;
    private const int Next = -1;

    private const int CounterEncapsulated = 0;
    private const int CounterFailed = 1;

    private readonly EbpfCounters _counters;
    private readonly EbpfProgram _program;
    private readonly TcxLink _link;

    private GreSegmentationOffload(EbpfCounters counters, EbpfProgram program, TcxLink link)
    {
        _counters = counters;
        _program = program;
        _link = link;
    }

    /// <summary>Frames the program turned into tunnelled GSO packets.</summary>
    public long Encapsulated => _counters.Read(CounterEncapsulated);

    /// <summary>Frames it could not (not IPv4 or IPv6 outside, too short, or the kernel refused): dropped.</summary>
    public long Failed => _counters.Read(CounterFailed);

    /// <summary>
    /// Attaches the program to the egress of <paramref name="interfaceIndex"/> (calling thread's namespace) for frames
    /// sent by <paramref name="sender"/>. Throws <see cref="LinuxException"/> where the kernel cannot (no tcx, no BPF).
    /// </summary>
    public static GreSegmentationOffload Attach(int interfaceIndex, PacketSocket sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var counters = EbpfCounters.Create(2, "hnv_gre_gso");
        EbpfProgram? program = null;
        try
        {
            program = EbpfProgram.LoadTrafficControl(Build(sender.Cookie, counters.Descriptor.Value), "hnv_gre_gso", Interop.BPF_TCX_EGRESS);
            return new GreSegmentationOffload(counters, program, TcxLink.Attach(program, interfaceIndex, Interop.BPF_TCX_EGRESS));
        }
        catch
        {
            program?.Dispose();
            counters.Dispose();
            throw;
        }
    }

    /// <summary>The program: match the socket, read the EtherType, move the tunnel header out and back as an encapsulation.</summary>
    internal static Interop.BpfInsn[] Build(ulong socketCookie, int countersFd)
    {
        const short EtherTypeSlot = -72;
        const short HeaderSlot = -64;

        var code = new EbpfAssembler();
        code.Move(EbpfAssembler.R6, EbpfAssembler.R1);
        code.Call(HelperSocketCookie);
        code.Load64(EbpfAssembler.R2, socketCookie);
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R0, EbpfAssembler.R2, "next");

        LoadBytes(code, 12, EtherTypeSlot, 2);
        code.Load(EbpfAssembler.Size.Half, EbpfAssembler.R7, EbpfAssembler.R10, EtherTypeSlot);

        // Read as a little-endian half word, 0x0800 is 0x0008 and 0x86DD is 0xDD86.
        code.JumpIf(EbpfAssembler.Condition.Equal, EbpfAssembler.R7, 0x0008, "v4");
        code.JumpIf(EbpfAssembler.Condition.Equal, EbpfAssembler.R7, 0xDD86, "v6");
        code.Jump("fail");
        code.Label("v4");
        Reencapsulate(code, TunnelHeaderV4, EncapsulateIpv4, HeaderSlot);
        code.Jump("done");
        code.Label("v6");
        Reencapsulate(code, TunnelHeaderV6, EncapsulateIpv6, HeaderSlot);

        code.Label("done");
        Count(code, countersFd, CounterEncapsulated);
        code.Move(EbpfAssembler.R0, Pass);
        code.Exit();

        code.Label("fail");
        Count(code, countersFd, CounterFailed);
        code.Move(EbpfAssembler.R0, DropFrame);
        code.Exit();

        code.Label("next");
        code.Move(EbpfAssembler.R0, Next);
        code.Exit();
        return code.Build();
    }

    /// <summary>
    /// Saves the <paramref name="length"/> bytes after the Ethernet header, removes them, adds them back as an
    /// encapsulation (the kernel then knows where the inner frame starts) and writes them in again.
    /// </summary>
    private static void Reencapsulate(EbpfAssembler code, int length, ulong outerFamily, short slot)
    {
        LoadBytes(code, 14, slot, length);

        code.Move(EbpfAssembler.R1, EbpfAssembler.R6);
        code.Move(EbpfAssembler.R2, -length);
        code.Move(EbpfAssembler.R3, AdjustRoomMac);
        code.Move(EbpfAssembler.R4, (int)FixedGso);
        code.Call(HelperAdjustRoom);
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R0, 0, "fail");

        code.Move(EbpfAssembler.R1, EbpfAssembler.R6);
        code.Move(EbpfAssembler.R2, length);
        code.Move(EbpfAssembler.R3, AdjustRoomMac);
        code.Load64(EbpfAssembler.R4, FixedGso | outerFamily | EncapsulateGre | EncapsulateEthernet | InnerEthernetLength);
        code.Call(HelperAdjustRoom);
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R0, 0, "fail");

        code.Move(EbpfAssembler.R1, EbpfAssembler.R6);
        code.Move(EbpfAssembler.R2, 14);
        code.Move(EbpfAssembler.R3, EbpfAssembler.R10);
        code.Add(EbpfAssembler.R3, slot);
        code.Move(EbpfAssembler.R4, length);
        code.Move(EbpfAssembler.R5, 0);
        code.Call(HelperStoreBytes);
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R0, 0, "fail");
    }

    /// <summary>bpf_skb_load_bytes(skb, offset, stack + slot, length); a short frame goes to "fail".</summary>
    private static void LoadBytes(EbpfAssembler code, int offset, short slot, int length)
    {
        code.Move(EbpfAssembler.R1, EbpfAssembler.R6);
        code.Move(EbpfAssembler.R2, offset);
        code.Move(EbpfAssembler.R3, EbpfAssembler.R10);
        code.Add(EbpfAssembler.R3, slot);
        code.Move(EbpfAssembler.R4, length);
        code.Call(HelperLoadBytes);
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R0, 0, "fail");
    }

    /// <summary>Adds one to counter <paramref name="index"/>.</summary>
    private static void Count(EbpfAssembler code, int countersFd, int index)
    {
        const short KeySlot = -80;
        code.Store(EbpfAssembler.Size.Word, EbpfAssembler.R10, KeySlot, index);
        code.LoadMap(EbpfAssembler.R1, countersFd);
        code.Move(EbpfAssembler.R2, EbpfAssembler.R10);
        code.Add(EbpfAssembler.R2, KeySlot);
        code.Call(HelperMapLookup);
        code.JumpIf(EbpfAssembler.Condition.Equal, EbpfAssembler.R0, 0, $"counted{index}");
        code.Move(EbpfAssembler.R1, 1);
        code.AtomicAdd64(EbpfAssembler.R0, 0, EbpfAssembler.R1);
        code.Label($"counted{index}");
    }

    public void Dispose()
    {
        _link.Dispose();
        _program.Dispose();
        _counters.Dispose();
    }
}
