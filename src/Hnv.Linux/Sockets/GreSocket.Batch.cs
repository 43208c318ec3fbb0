using System.Net.Sockets;

namespace Hnv.Linux.Sockets;

public sealed partial class GreSocket
{
    /// <summary>
    /// One recvmmsg: up to <paramref name="maxPackets"/> GRE packets, each at its slot's headroom, with the
    /// outer source in <see cref="PacketBatch.Address"/>. For IPv4 each window starts at the outer IPv4 header
    /// (the GRE header is at (window[0] &amp; 0xF) × 4; see <see cref="GreOffset"/>); for IPv6 at the GRE header.
    /// </summary>
    public unsafe IoResult ReceiveBatch(PacketBatch batch, int maxPackets = int.MaxValue)
    {
        var count = Math.Min(maxPackets, batch.Capacity);
        var received = Interop.RecvMMsg(_fd, batch.PrepareReceive(count, withNames: true), (uint)count, Interop.MSG_WAITFORONE, null);
        if (received < 0)
        {
            return IoResult.FromLastError();
        }

        batch.CompleteReceive(received);
        var isV4 = AddressFamily == AddressFamily.InterNetwork;
        for (var i = 0; i < received; i++)
        {
            var name = batch.Name(i);
            var source = isV4 ? new ReadOnlySpan<byte>(((Interop.SockAddrIn*)name)->Address, 4) : new ReadOnlySpan<byte>(name->Address, 16);
            source.CopyTo(batch.Address(i));
        }

        return IoResult.Success(received);
    }

    /// <summary>Where the GRE header starts in a packet this socket received (IPv4: after the outer header).</summary>
    public int GreOffset(ReadOnlySpan<byte> received) =>
        AddressFamily == AddressFamily.InterNetwork && received.Length > 0 ? (received[0] & 0x0F) * 4 : 0;

    /// <summary>
    /// One sendmmsg of the first <paramref name="count"/> packet windows, each to its
    /// <see cref="PacketBatch.Address"/> (first 4 bytes for IPv4). Count is how many were sent; fewer than asked
    /// means the next one failed (e.g. <see cref="IoError.MessageTooLong"/>, learned by sending it alone).
    /// </summary>
    public unsafe IoResult SendBatch(PacketBatch batch, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)batch.Capacity, nameof(count));
        var isV4 = AddressFamily == AddressFamily.InterNetwork;
        for (var i = 0; i < count; i++)
        {
            var name = batch.Name(i);
            *name = default;
            if (isV4)
            {
                var v4 = (Interop.SockAddrIn*)name;
                v4->Family = Interop.AF_INET;
                batch.Address(i)[..4].CopyTo(new Span<byte>(v4->Address, 4));
            }
            else
            {
                name->Family = Interop.AF_INET6;
                batch.Address(i).CopyTo(new Span<byte>(name->Address, 16));
            }
        }

        var nameLength = isV4 ? sizeof(Interop.SockAddrIn) : sizeof(Interop.SockAddrIn6);
        var sent = Interop.SendMMsg(_fd, batch.PrepareSend(count, withNames: true, nameLength), (uint)count, 0);
        return sent < 0 ? IoResult.FromLastError() : IoResult.Success(sent);
    }
}
