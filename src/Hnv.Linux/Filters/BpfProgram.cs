using System.Net;
using System.Net.Sockets;

namespace Hnv.Linux.Filters;

/// <summary>
/// A classic BPF socket filter (SO_ATTACH_FILTER): the kernel runs it on every packet before queueing it on
/// the socket, so packets it rejects cost no copy, no wakeup and no receive-buffer space. Built from a few
/// fixed shapes; <see cref="Accepts"/> interprets it the way the kernel does, for tests.
/// </summary>
public sealed partial class BpfProgram
{
    /// <summary>What an accepted packet's snapshot length is: all of it.</summary>
    private const uint AcceptAll = 0x40000;

    private readonly Instruction[] _instructions;

    private BpfProgram(Instruction[] instructions) => _instructions = instructions;

    /// <summary>The instructions, in order.</summary>
    public IReadOnlyList<Instruction> Instructions => _instructions;

    /// <summary>Rejects every packet: a socket that must exist (so the kernel knows the protocol) but never reads.</summary>
    public static BpfProgram RejectAll { get; } = new([Instruction.Return(0)]);

    /// <summary>
    /// Accepts Ethernet frames (no VLAN tag) carrying IPv4 protocol 47 or IPv6 next header 47 (GRE right after
    /// the fixed header, as NVGRE is sent) whose destination is <paramref name="v4"/> or <paramref name="v6"/>;
    /// everything else (ARP, the host's own traffic, GRE for other addresses) stays with the kernel alone.
    /// </summary>
    public static BpfProgram GreToEthernet(IPAddress? v4, IPAddress? v6) => new(GreToAddresses(v4, v6).Build(AcceptAll, 0));

    /// <summary>
    /// For a tc ingress filter in direct-action mode (<see cref="Links.IngressFilter"/>): returns TC_ACT_SHOT (2)
    /// for exactly the frames <see cref="GreToEthernet"/> accepts and TC_ACT_UNSPEC (-1, the next filter decides)
    /// for the rest. tc runs after the AF_PACKET sockets had their copy, so it only spares the kernel's IP stack a
    /// packet that is ours (cls_bpf shows a classic program the frame from its Ethernet header, as a socket does).
    /// </summary>
    public static BpfProgram DropGreTo(IPAddress? v4, IPAddress? v6) => new(GreToAddresses(v4, v6).Build(TrafficControlShot, TrafficControlUnspecified));

    /// <summary>TC_ACT_SHOT.</summary>
    public const uint TrafficControlShot = 2;

    /// <summary>TC_ACT_UNSPEC (-1).</summary>
    public const uint TrafficControlUnspecified = uint.MaxValue;

    /// <summary>The program as tc's <c>bytecode</c> argument takes it: the count, then "code jt jf k" each, comma-separated.</summary>
    public string ToBytecode() =>
        string.Join(',', _instructions.Select(i => $"{i.Code} {i.JumpTrue} {i.JumpFalse} {i.K}").Prepend(_instructions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Assembler GreToAddresses(IPAddress? v4, IPAddress? v6)
    {
        if (v4 is { AddressFamily: not AddressFamily.InterNetwork } || v6 is { AddressFamily: not AddressFamily.InterNetworkV6 })
        {
            throw new ArgumentException("Pass an IPv4 and an IPv6 address, in that order.");
        }

        var code = new Assembler();
        code.Load(Size.Half, 12);
        code.JumpIfEqual(0x0800, "v4", next: null);
        code.JumpIfEqual(0x86DD, "v6", next: "reject");
        code.Label("v4");
        if (v4 is null)
        {
            code.Reject();
        }
        else
        {
            code.Load(Size.Byte, 14 + 9);
            code.JumpIfEqual(47, null, "reject");
            code.MatchAddress(v4, 14 + 16);
        }

        code.Label("v6");
        if (v6 is null)
        {
            code.Reject();
        }
        else
        {
            code.Load(Size.Byte, 14 + 6);
            code.JumpIfEqual(47, null, "reject");
            code.MatchAddress(v6, 14 + 24);
        }

        code.Label("reject");
        code.Reject();
        return code;
    }

    /// <summary>True when the filter would queue <paramref name="packet"/> (a short load rejects, as in the kernel).</summary>
    public bool Accepts(ReadOnlySpan<byte> packet) => Run(packet) != 0;

    /// <summary>What the program returns for <paramref name="packet"/>, interpreted the way the kernel does (a short load returns 0).</summary>
    public uint Run(ReadOnlySpan<byte> packet)
    {
        uint a = 0;
        for (var pc = 0; pc < _instructions.Length; pc++)
        {
            var i = _instructions[pc];
            switch (i.Code)
            {
                case Instruction.LoadWord or Instruction.LoadHalf or Instruction.LoadByte:
                    var size = i.Code == Instruction.LoadWord ? 4 : i.Code == Instruction.LoadHalf ? 2 : 1;
                    if (i.K + size > packet.Length)
                    {
                        return 0;
                    }

                    a = 0;
                    for (var b = 0; b < size; b++)
                    {
                        a = (a << 8) | packet[(int)i.K + b];
                    }

                    break;
                case Instruction.JumpEqual:
                    pc += a == i.K ? i.JumpTrue : i.JumpFalse;
                    break;
                case Instruction.ReturnConstant:
                    return i.K;
                default:
                    throw new InvalidOperationException($"Opcode 0x{i.Code:x} is not one this class emits.");
            }
        }

        return 0;
    }
}
