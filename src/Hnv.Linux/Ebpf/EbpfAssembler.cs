namespace Hnv.Linux.Ebpf;

/// <summary>
/// Writes an eBPF program an instruction at a time (linux/bpf.h's encoding, Documentation/bpf/standardization/
/// instruction-set.rst), with named labels for jumps, so a small program reads like the assembly it is. Only the
/// instructions the agent's programs use are here; the kernel's verifier checks the result when it is loaded.
/// </summary>
internal sealed class EbpfAssembler
{
    public const byte R0 = 0;
    public const byte R1 = 1;
    public const byte R2 = 2;
    public const byte R3 = 3;
    public const byte R4 = 4;
    public const byte R5 = 5;
    public const byte R6 = 6;
    public const byte R7 = 7;

    /// <summary>The read-only frame pointer: the program's 512-byte stack lies below it.</summary>
    public const byte R10 = 10;

    private const byte ClassLd = 0x00;
    private const byte ClassLdx = 0x01;
    private const byte ClassSt = 0x02;
    private const byte ClassStx = 0x03;
    private const byte ClassJmp = 0x05;
    private const byte ClassAlu64 = 0x07;
    private const byte SourceImmediate = 0x00;
    private const byte SourceRegister = 0x08;
    private const byte ModeImmediate = 0x00;
    private const byte ModeMemory = 0x60;
    private const byte ModeAtomic = 0xC0;
    private const byte OpAdd = 0x00;
    private const byte OpMov = 0xB0;
    private const byte OpJumpAlways = 0x00;
    private const byte OpCall = 0x80;
    private const byte OpExit = 0x90;

    /// <summary>ld_imm64's source register when the immediate is a map's descriptor (BPF_PSEUDO_MAP_FD).</summary>
    private const byte PseudoMapFd = 1;

    private readonly List<Interop.BpfInsn> _instructions = [];
    private readonly Dictionary<string, int> _labels = [];
    private readonly List<(int At, string Label)> _jumps = [];

    /// <summary>Access sizes (BPF_W, BPF_H, BPF_B, BPF_DW).</summary>
    public enum Size : byte
    {
        Word = 0x00,
        Half = 0x08,
        Byte = 0x10,
        DoubleWord = 0x18,
    }

    /// <summary>Conditional jumps (BPF_JEQ, BPF_JNE).</summary>
    public enum Condition : byte
    {
        Equal = 0x10,
        NotEqual = 0x50,
    }

    /// <summary>dst = src (64 bits).</summary>
    public void Move(byte destination, byte source) => Emit(ClassAlu64 | OpMov | SourceRegister, destination, source, 0, 0);

    /// <summary>dst = imm, sign-extended to 64 bits.</summary>
    public void Move(byte destination, int immediate) => Emit(ClassAlu64 | OpMov | SourceImmediate, destination, 0, 0, immediate);

    /// <summary>dst += imm (64 bits).</summary>
    public void Add(byte destination, int immediate) => Emit(ClassAlu64 | OpAdd | SourceImmediate, destination, 0, 0, immediate);

    /// <summary>dst = a 64-bit constant (ld_imm64: two instruction slots).</summary>
    public void Load64(byte destination, ulong value)
    {
        Emit(ClassLd | (byte)Size.DoubleWord | ModeImmediate, destination, 0, 0, unchecked((int)(uint)value));
        Emit(0, 0, 0, 0, unchecked((int)(uint)(value >> 32)));
    }

    /// <summary>dst = the map behind descriptor <paramref name="mapFd"/> (the kernel swaps the descriptor for the map at load).</summary>
    public void LoadMap(byte destination, int mapFd)
    {
        Emit(ClassLd | (byte)Size.DoubleWord | ModeImmediate, destination, PseudoMapFd, 0, mapFd);
        Emit(0, 0, 0, 0, 0);
    }

    /// <summary>dst = *(size *)(src + offset).</summary>
    public void Load(Size size, byte destination, byte source, short offset) =>
        Emit((byte)(ClassLdx | (byte)size | ModeMemory), destination, source, offset, 0);

    /// <summary>*(size *)(dst + offset) = imm.</summary>
    public void Store(Size size, byte destination, short offset, int immediate) =>
        Emit((byte)(ClassSt | (byte)size | ModeMemory), destination, 0, offset, immediate);

    /// <summary>lock *(u64 *)(dst + offset) += src: a counter several CPUs add to.</summary>
    public void AtomicAdd64(byte destination, short offset, byte source) =>
        Emit(ClassStx | (byte)Size.DoubleWord | ModeAtomic, destination, source, offset, OpAdd);

    /// <summary>Calls kernel helper <paramref name="helper"/>: arguments in R1-R5, the result in R0.</summary>
    public void Call(int helper) => Emit(ClassJmp | OpCall, 0, 0, 0, helper);

    /// <summary>Returns R0.</summary>
    public void Exit() => Emit(ClassJmp | OpExit, 0, 0, 0, 0);

    /// <summary>Goes to <paramref name="label"/>.</summary>
    public void Jump(string label) => EmitJump(ClassJmp | OpJumpAlways, 0, 0, 0, label);

    /// <summary>Goes to <paramref name="label"/> when dst compares so with imm.</summary>
    public void JumpIf(Condition condition, byte destination, int immediate, string label) =>
        EmitJump((byte)(ClassJmp | (byte)condition | SourceImmediate), destination, 0, immediate, label);

    /// <summary>Goes to <paramref name="label"/> when dst compares so with src.</summary>
    public void JumpIf(Condition condition, byte destination, byte source, string label) =>
        EmitJump((byte)(ClassJmp | (byte)condition | SourceRegister), destination, source, 0, label);

    /// <summary>Names the next instruction.</summary>
    public void Label(string name) => _labels.Add(name, _instructions.Count);

    /// <summary>The program with every jump resolved.</summary>
    public Interop.BpfInsn[] Build()
    {
        var program = _instructions.ToArray();
        foreach (var (at, label) in _jumps)
        {
            if (!_labels.TryGetValue(label, out var target))
            {
                throw new InvalidOperationException($"The eBPF label {label} is never placed.");
            }

            // A jump's offset counts from the instruction after it.
            program[at].Offset = checked((short)(target - at - 1));
        }

        return program;
    }

    private void EmitJump(byte code, byte destination, byte source, int immediate, string label)
    {
        _jumps.Add((_instructions.Count, label));
        Emit(code, destination, source, 0, immediate);
    }

    private void Emit(int code, byte destination, byte source, short offset, int immediate) =>
        _instructions.Add(new Interop.BpfInsn
        {
            Code = (byte)code,
            Registers = (byte)((source << 4) | destination),
            Offset = offset,
            Immediate = immediate,
        });
}
