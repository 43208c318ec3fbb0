namespace Hnv.Linux.Ebpf;

/// <summary>
/// A program attached to an interface's tcx hook (Linux 6.6+, BPF_LINK_CREATE): it runs for as long as this link's
/// descriptor is open. Closing it, or the process ending in any way, detaches the program, so nothing is ever left
/// on the interface after a crash, and other programs on the same hook (Cilium's, an operator's) are not touched.
/// </summary>
internal sealed class TcxLink : IDisposable
{
    private readonly SafeFileDescriptor _fd;

    private TcxLink(SafeFileDescriptor fd) => _fd = fd;

    /// <summary>Attaches <paramref name="program"/> after whatever runs on that hook already.</summary>
    public static TcxLink Attach(EbpfProgram program, int interfaceIndex, uint attachType)
    {
        var success = false;
        try
        {
            program.Descriptor.DangerousAddRef(ref success);
            var attributes = new Interop.BpfLinkCreateAttr
            {
                ProgramFd = (uint)program.Descriptor.Value,
                TargetInterfaceIndex = (uint)interfaceIndex,
                AttachType = attachType,
            };
            var fd = SafeFileDescriptor.Adopt((int)Interop.Bpf(Interop.BPF_LINK_CREATE, ref attributes));
            if (fd.IsInvalid)
            {
                throw LinuxException.FromLastError($"bpf(BPF_LINK_CREATE tcx ifindex {interfaceIndex})");
            }

            return new TcxLink(fd);
        }
        finally
        {
            if (success)
            {
                program.Descriptor.DangerousRelease();
            }
        }
    }

    public void Dispose() => _fd.Dispose();
}
