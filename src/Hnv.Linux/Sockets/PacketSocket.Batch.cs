namespace Hnv.Linux.Sockets;

public sealed partial class PacketSocket
{
    /// <summary>
    /// One recvmmsg: up to <paramref name="maxPackets"/> (default: the batch's capacity) frames, each at its
    /// slot's headroom; Count is how many (read them with <see cref="PacketBatch.Packet"/>).
    /// Does not wait for a full batch: it returns what is queued once at least one frame is there.
    /// </summary>
    public unsafe IoResult ReceiveBatch(PacketBatch batch, int maxPackets = int.MaxValue)
    {
        var count = Math.Min(maxPackets, batch.Capacity);
        var messages = batch.PrepareReceive(count, withNames: false);
        var received = Interop.RecvMMsg(_fd, messages, (uint)count, Interop.MSG_WAITFORONE, null);
        if (received < 0)
        {
            return IoResult.FromLastError();
        }

        batch.CompleteReceive(received);
        return IoResult.Success(received);
    }

    /// <summary>
    /// One sendmmsg of the first <paramref name="count"/> packet windows. Count is how many were sent; fewer
    /// than asked means the next one failed (send the rest again to learn why).
    /// </summary>
    public IoResult SendBatch(PacketBatch batch, int count) => SendBatch(batch, 0, count);

    /// <summary>
    /// One sendmmsg of the <paramref name="count"/> packet windows from slot <paramref name="start"/> on (to go
    /// on after a partial send: the slot at start + Count failed).
    /// </summary>
    public unsafe IoResult SendBatch(PacketBatch batch, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)(start + count), (uint)batch.Capacity, nameof(count));
        var messages = batch.PrepareSend(start + count, withNames: false, 0);
        var sent = Interop.SendMMsg(_fd, messages + start, (uint)count, 0);
        return sent < 0 ? IoResult.FromLastError() : IoResult.Success(sent);
    }
}
