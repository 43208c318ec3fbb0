using System.Text;

namespace Hnv.Linux.Ebpf;

/// <summary>
/// A loaded eBPF program of the kernel's "sched_cls" kind (tc and tcx hooks): its descriptor keeps it alive, and a
/// <see cref="TcxLink"/> attaches it. A program the verifier refuses throws with the verifier's own explanation.
/// </summary>
internal sealed class EbpfProgram : IDisposable
{
    private const int VerifierLogBytes = 64 * 1024;

    private EbpfProgram(SafeFileDescriptor fd) => Descriptor = fd;

    /// <summary>The program's descriptor.</summary>
    public SafeFileDescriptor Descriptor { get; }

    /// <summary>
    /// Loads <paramref name="instructions"/> as a tc program for <paramref name="attachType"/> (BPF_TCX_INGRESS or
    /// BPF_TCX_EGRESS) under <paramref name="name"/> (up to 15 characters, shown by bpftool).
    /// </summary>
    public static unsafe EbpfProgram LoadTrafficControl(ReadOnlySpan<Interop.BpfInsn> instructions, string name, uint attachType)
    {
        // The helpers the agent's programs call (skb_adjust_room among them) are GPL-only, as tc programs commonly are.
        var license = "GPL\0"u8;
        var log = new byte[VerifierLogBytes];
        fixed (Interop.BpfInsn* code = instructions)
        fixed (byte* licenseText = license)
        fixed (byte* logBuffer = log)
        {
            var attributes = new Interop.BpfProgLoadAttr
            {
                ProgramType = Interop.BPF_PROG_TYPE_SCHED_CLS,
                InstructionCount = (uint)instructions.Length,
                Instructions = (ulong)code,
                License = (ulong)licenseText,
                LogLevel = 1,
                LogSize = VerifierLogBytes,
                LogBuffer = (ulong)logBuffer,
                ExpectedAttachType = attachType,
            };
            Interop.WriteObjectName(attributes.Name, name);

            var fd = SafeFileDescriptor.Adopt((int)Interop.Bpf(Interop.BPF_PROG_LOAD, ref attributes));
            if (fd.IsInvalid)
            {
                var error = LinuxException.FromLastError($"bpf(BPF_PROG_LOAD {name})");
                var verifier = Encoding.ASCII.GetString(log, 0, Math.Max(0, Array.IndexOf(log, (byte)0))).Trim();
                throw verifier.Length == 0 ? error : new LinuxException($"{error.Message}; the verifier said: {verifier}", error);
            }

            return new EbpfProgram(fd);
        }
    }

    public void Dispose() => Descriptor.Dispose();
}
