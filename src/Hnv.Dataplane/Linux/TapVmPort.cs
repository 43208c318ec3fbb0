using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Tap;

namespace Hnv.Dataplane.Linux;

/// <summary>A VM NIC that is a TAP device: one read() per frame from the VM, one write() per frame to it.</summary>
public sealed class TapVmPort(int index, TapDevice tap) : IVmPort
{
    /// <inheritdoc />
    public int Index { get; } = index;

    /// <inheritdoc />
    public string Name => tap.Name;

    /// <inheritdoc />
    public SafeHandle? Handle => tap.Handle;

    /// <summary>Reads and writes that failed for a reason other than "nothing waiting".</summary>
    public long Errors { get; private set; }

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        var result = tap.Read(buffer.ReceiveSpan);
        if (!result.IsSuccess)
        {
            if (result.Error is not (IoError.WouldBlock or IoError.Interrupted))
            {
                Errors++;
            }

            return false;
        }

        buffer.Offset = PacketBuffer.Headroom;
        buffer.Length = result.Count;
        return true;
    }

    /// <inheritdoc />
    public bool Send(ReadOnlySpan<byte> frame)
    {
        if (tap.Write(frame).IsSuccess)
        {
            return true;
        }

        Errors++;
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => tap.Dispose();
}
