namespace Hnv.Linux.Ebpf;

/// <summary>
/// A few 64-bit counters a program adds to in the kernel (an array map, one slot per counter) and user space reads:
/// what a program did to packets that never pass through the agent's own counting.
/// </summary>
internal sealed class EbpfCounters : IDisposable
{
    private EbpfCounters(SafeFileDescriptor fd) => Descriptor = fd;

    /// <summary>The map's descriptor, for <see cref="EbpfAssembler.LoadMap"/>.</summary>
    public SafeFileDescriptor Descriptor { get; }

    /// <summary>Creates <paramref name="count"/> counters at zero.</summary>
    public static unsafe EbpfCounters Create(int count, string name)
    {
        var attributes = new Interop.BpfMapCreateAttr
        {
            MapType = Interop.BPF_MAP_TYPE_ARRAY,
            KeySize = sizeof(uint),
            ValueSize = sizeof(ulong),
            MaxEntries = (uint)count,
        };
        Interop.WriteObjectName(attributes.Name, name);

        var fd = SafeFileDescriptor.Adopt((int)Interop.Bpf(Interop.BPF_MAP_CREATE, ref attributes));
        if (fd.IsInvalid)
        {
            throw LinuxException.FromLastError($"bpf(BPF_MAP_CREATE {name})");
        }

        return new EbpfCounters(fd);
    }

    /// <summary>Counter <paramref name="index"/>'s value now; 0 once the map is closed.</summary>
    public unsafe long Read(int index)
    {
        var success = false;
        try
        {
            Descriptor.DangerousAddRef(ref success);
            var key = (uint)index;
            ulong value = 0;
            var attributes = new Interop.BpfMapElemAttr { MapFd = (uint)Descriptor.Value, Key = (ulong)&key, Value = (ulong)&value };
            return Interop.Bpf(Interop.BPF_MAP_LOOKUP_ELEM, ref attributes) < 0 ? 0 : (long)value;
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
        finally
        {
            if (success)
            {
                Descriptor.DangerousRelease();
            }
        }
    }

    public void Dispose() => Descriptor.Dispose();
}
