using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Forwarding.Buffers;
using Hnv.Linux;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// A VM NIC on a Linux frame device without offloads: an AF_PACKET socket on an existing interface
/// (<see cref="PacketSocketFrames"/>). TAPs, which the agent opens with offloads, are <see cref="OffloadTapVmPort"/>.
/// </summary>
public sealed class DeviceVmPort<TDevice>(int index, string name, TDevice device) : IVmPort
    where TDevice : struct, IFrameDevice
{
    /// <inheritdoc />
    public int Index { get; } = index;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public SafeHandle? Handle => device.Handle;

    /// <summary>Reads and writes that failed for a reason other than "nothing waiting".</summary>
    public long Errors { get; private set; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, long> IoCounters => new Dictionary<string, long> { ["errors"] = Errors };

    /// <inheritdoc />
    public bool TryReceive(PacketBuffer buffer)
    {
        var result = device.Read(buffer.ReceiveSpan);
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
        if (device.Write(frame).IsSuccess)
        {
            return true;
        }

        Errors++;
        return false;
    }

    /// <inheritdoc />
    public void Flush()
    {
    }

    /// <inheritdoc />
    public void SkipSegments()
    {
    }

    /// <inheritdoc />
    public void Dispose() => device.Dispose();
}
