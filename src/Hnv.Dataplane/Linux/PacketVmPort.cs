using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;
using Hnv.Linux.Sockets;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// A VM NIC that already exists (a QEMU tap, a container's veth host end): an AF_PACKET socket on it. Frames the
/// VM sends are read from the interface; frames for the VM are sent out of it. Our own sends are not read back
/// (PACKET_IGNORE_OUTGOING).
/// </summary>
public sealed class PacketVmPort(int index, string name, PacketSocket socket) : IVmPort
{
    /// <inheritdoc />
    public int Index { get; } = index;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public SafeHandle? Handle => socket.Handle;

    /// <summary>Reads and writes that failed for a reason other than "nothing waiting".</summary>
    public long Errors { get; private set; }

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        var result = socket.Receive(buffer.ReceiveSpan);
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
        if (socket.Send(frame).IsSuccess)
        {
            return true;
        }

        Errors++;
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => socket.Dispose();
}
