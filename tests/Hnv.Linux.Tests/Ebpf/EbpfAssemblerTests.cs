using Hnv.Linux.Ebpf;

namespace Hnv.Linux.Tests.Ebpf;

/// <summary>The eBPF assembler encodes as linux/bpf.h says, and a program the kernel's verifier refuses says why.</summary>
public sealed class EbpfAssemblerTests
{
    [Fact]
    [Trait("tier", "pure")]
    public void Build_JumpsCountFromTheNextInstruction_AndLoad64TakesTwoSlots()
    {
        var code = new EbpfAssembler();
        code.JumpIf(EbpfAssembler.Condition.NotEqual, EbpfAssembler.R1, 7, "out"); // 0
        code.Load64(EbpfAssembler.R2, 0x1122334455667788);                          // 1, 2
        code.Label("out");
        code.Move(EbpfAssembler.R0, -1);                                            // 3
        code.Exit();                                                                // 4

        var program = code.Build();

        Assert.Equal(5, program.Length);
        Assert.Equal((0x55, 1, (short)2, 7), (program[0].Code, program[0].Registers, program[0].Offset, program[0].Immediate)); // BPF_JMP|BPF_JNE|BPF_K
        Assert.Equal((0x18, 2, 0x55667788), (program[1].Code, program[1].Registers, program[1].Immediate));                  // ld_imm64, low half
        Assert.Equal(0x11223344, program[2].Immediate);                                                                        // high half
        Assert.Equal((0xB7, -1), (program[3].Code, program[3].Immediate));                                                     // BPF_ALU64|BPF_MOV|BPF_K
        Assert.Equal(0x95, program[4].Code);                                                                                   // BPF_JMP|BPF_EXIT
    }

    [Fact]
    [Trait("tier", "pure")]
    public void Build_ALabelNeverPlaced_Throws()
    {
        var code = new EbpfAssembler();
        code.Jump("nowhere");

        Assert.Throws<InvalidOperationException>(() => code.Build());
    }

    [Fact]
    [Trait("tier", "system")]
    public void Load_AProgramTheVerifierRefuses_CarriesTheVerifiersWords()
    {
        var code = new EbpfAssembler();
        code.Move(EbpfAssembler.R0, 0); // no exit: the verifier refuses to fall off the end

        var e = Assert.Throws<LinuxException>(() => EbpfProgram.LoadTrafficControl(code.Build(), "hnv_test", Linux.Interop.BPF_TCX_EGRESS));

        Assert.Contains("the verifier said", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("tier", "system")]
    public void GreSegmentationProgram_PassesTheVerifier()
    {
        using var counters = EbpfCounters.Create(2, "hnv_test");
        using var program = EbpfProgram.LoadTrafficControl(GreSegmentationOffload.Build(0x1234, counters.Descriptor.Value), "hnv_test", Linux.Interop.BPF_TCX_EGRESS);

        Assert.False(program.Descriptor.IsInvalid);
        Assert.Equal(0, counters.Read(0) + counters.Read(1));
    }
}
