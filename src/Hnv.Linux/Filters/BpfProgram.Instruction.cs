namespace Hnv.Linux.Filters;

public sealed partial class BpfProgram
{
    /// <summary>One classic BPF instruction, as struct sock_filter holds it.</summary>
    public readonly record struct Instruction(ushort Code, byte JumpTrue, byte JumpFalse, uint K)
    {
        /// <summary>BPF_LD | BPF_W | BPF_ABS: A = 32 bits at K, big-endian.</summary>
        public const ushort LoadWord = 0x20;

        /// <summary>BPF_LD | BPF_H | BPF_ABS.</summary>
        public const ushort LoadHalf = 0x28;

        /// <summary>BPF_LD | BPF_B | BPF_ABS.</summary>
        public const ushort LoadByte = 0x30;

        /// <summary>BPF_JMP | BPF_JEQ | BPF_K: skip JumpTrue instructions if A == K, else JumpFalse.</summary>
        public const ushort JumpEqual = 0x15;

        /// <summary>BPF_RET | BPF_K: accept K bytes of the packet (0 drops it).</summary>
        public const ushort ReturnConstant = 0x06;

        /// <summary>Returns K.</summary>
        public static Instruction Return(uint k) => new(ReturnConstant, 0, 0, k);
    }

    private enum Size
    {
        Byte,
        Half,
        Word,
    }

    /// <summary>Emits instructions with jumps to named labels, resolved into relative offsets at the end.</summary>
    private sealed class Assembler
    {
        private const uint AcceptPlaceholder = 1;
        private const uint RejectPlaceholder = 0;

        private readonly List<(Instruction Instruction, string? True, string? False)> _code = [];
        private readonly Dictionary<string, int> _labels = [];

        public void Label(string name) => _labels[name] = _code.Count;

        public void Load(Size size, uint offset) =>
            _code.Add((new(size switch { Size.Byte => Instruction.LoadByte, Size.Half => Instruction.LoadHalf, _ => Instruction.LoadWord }, 0, 0, offset), null, null));

        /// <summary>A == k jumps to <paramref name="match"/>, else to <paramref name="next"/>; null means the next instruction.</summary>
        public void JumpIfEqual(uint k, string? match, string? next) => _code.Add((new(Instruction.JumpEqual, 0, 0, k), match, next));

        /// <summary>Accepts when the address at <paramref name="offset"/> equals <paramref name="address"/>, else rejects.</summary>
        public void MatchAddress(System.Net.IPAddress address, uint offset)
        {
            var bytes = address.GetAddressBytes();
            for (var w = 0; w < bytes.Length / 4; w++)
            {
                Load(Size.Word, offset + (uint)(4 * w));
                var word = (uint)(bytes[4 * w] << 24 | bytes[(4 * w) + 1] << 16 | bytes[(4 * w) + 2] << 8 | bytes[(4 * w) + 3]);
                JumpIfEqual(word, null, "reject");
            }

            _code.Add((Instruction.Return(AcceptPlaceholder), null, null));
        }

        public void Reject() => _code.Add((Instruction.Return(RejectPlaceholder), null, null));

        /// <summary>Resolves the labels, and the accepts and rejects into the values given (a length, or a tc verdict).</summary>
        public Instruction[] Build(uint accept, uint reject)
        {
            var result = new Instruction[_code.Count];
            for (var pc = 0; pc < _code.Count; pc++)
            {
                var (i, t, f) = _code[pc];
                result[pc] = i.Code == Instruction.ReturnConstant
                    ? Instruction.Return(i.K == AcceptPlaceholder ? accept : reject)
                    : i with { JumpTrue = Offset(pc, t), JumpFalse = Offset(pc, f) };
            }

            return result;
        }

        private byte Offset(int pc, string? label) => label is null ? (byte)0 : checked((byte)(_labels[label] - pc - 1));
    }
}
