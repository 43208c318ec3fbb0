using System.Runtime.InteropServices;
using Hnv.Linux.Filters;

namespace Hnv.Linux.Sockets;

/// <summary>
/// An AF_PACKET SOCK_RAW socket bound to one interface for every EtherType (ETH_P_ALL): whole Ethernet frames
/// in and out. Attaches an interface that already exists (a QEMU tap, a container veth's host end).
/// </summary>
public sealed partial class PacketSocket : IDisposable
{
    /// <summary>htons(ETH_P_ALL).</summary>
    private const ushort AllProtocolsNetworkOrder = 0x0300;

    private readonly SafeFileDescriptor _fd;

    private PacketSocket(SafeFileDescriptor fd, int interfaceIndex)
    {
        _fd = fd;
        InterfaceIndex = interfaceIndex;
    }

    public int InterfaceIndex { get; }

    /// <summary>The descriptor, for <see cref="Polling.Poller"/>.</summary>
    public SafeHandle Handle => _fd;

    /// <summary>Opens on the interface named <paramref name="interfaceName"/> in the calling thread's namespace.</summary>
    public static PacketSocket Open(string interfaceName, PacketSocketOptions options = PacketSocketOptions.Default, BpfProgram? filter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var index = Interop.IfNameToIndex(interfaceName);
        if (index == 0)
        {
            throw LinuxException.FromLastError($"if_nametoindex {interfaceName}");
        }

        return Open((int)index, options, filter);
    }

    /// <summary>
    /// Opens on interface <paramref name="interfaceIndex"/> of the calling thread's namespace. A
    /// <paramref name="filter"/> is attached before the bind, so no frame it rejects is ever queued.
    /// </summary>
    public static unsafe PacketSocket Open(int interfaceIndex, PacketSocketOptions options = PacketSocketOptions.Default, BpfProgram? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interfaceIndex);
        var type = Interop.SOCK_RAW | Interop.SOCK_CLOEXEC |
            ((options & PacketSocketOptions.NonBlocking) != 0 ? Interop.SOCK_NONBLOCK : 0);

        // Protocol 0 receives nothing until bind names the protocol and interface, so no frame of another
        // interface slips into the queue in between.
        var fd = Interop.Socket(Interop.AF_PACKET, type, 0);
        if (fd.IsInvalid)
        {
            var error = LinuxException.FromLastError("socket(AF_PACKET, SOCK_RAW)");
            fd.Dispose();
            throw error;
        }

        try
        {
            var one = 1;
            if ((options & PacketSocketOptions.QdiscBypass) != 0 &&
                Interop.SetSockOpt(fd, Interop.SOL_PACKET, Interop.PACKET_QDISC_BYPASS, &one, sizeof(int)) < 0)
            {
                throw LinuxException.FromLastError("setsockopt PACKET_QDISC_BYPASS");
            }

            if ((options & PacketSocketOptions.IgnoreOutgoing) != 0 &&
                Interop.SetSockOpt(fd, Interop.SOL_PACKET, Interop.PACKET_IGNORE_OUTGOING, &one, sizeof(int)) < 0)
            {
                throw LinuxException.FromLastError("setsockopt PACKET_IGNORE_OUTGOING");
            }

            if ((options & PacketSocketOptions.VirtioHeader) != 0 &&
                Interop.SetSockOpt(fd, Interop.SOL_PACKET, Interop.PACKET_VNET_HDR, &one, sizeof(int)) < 0)
            {
                throw LinuxException.FromLastError("setsockopt PACKET_VNET_HDR");
            }

            if (filter is not null)
            {
                SocketFilter.Attach(fd, filter);
            }

            var address = default(Interop.SockAddrLl);
            address.Family = Interop.AF_PACKET;
            address.Protocol = (options & PacketSocketOptions.SendOnly) != 0 ? (ushort)0 : AllProtocolsNetworkOrder;
            address.IfIndex = interfaceIndex;
            if (Interop.Bind(fd, &address, (uint)sizeof(Interop.SockAddrLl)) < 0)
            {
                throw LinuxException.FromLastError($"bind AF_PACKET ifindex {interfaceIndex}");
            }

            return new PacketSocket(fd, interfaceIndex);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The kernel's cookie for this socket (SO_COOKIE): a 64-bit number no other socket has while the system runs,
    /// which an eBPF program can compare with a packet's to know it came from here.
    /// </summary>
    public unsafe ulong Cookie
    {
        get
        {
            ulong cookie = 0;
            var length = (uint)sizeof(ulong);
            if (Interop.GetSockOpt(_fd, Interop.SOL_SOCKET, Interop.SO_COOKIE, &cookie, &length) < 0)
            {
                throw LinuxException.FromLastError("getsockopt SO_COOKIE");
            }

            return cookie;
        }
    }

    /// <summary>Sets the kernel's receive and send queue sizes in bytes (0 keeps one as it is).</summary>
    public void SetBufferSizes(int receiveBytes, int sendBytes) => SocketBuffers.Set(_fd, receiveBytes, sendBytes);

    /// <summary>Sends one whole Ethernet frame (destination MAC first) out of the interface.</summary>
    public unsafe IoResult Send(ReadOnlySpan<byte> frame)
    {
        fixed (byte* data = frame)
        {
            var sent = Interop.SendTo(_fd, data, (nuint)frame.Length, 0, null, 0);
            return sent < 0 ? IoResult.FromLastError() : IoResult.Success((int)sent);
        }
    }

    /// <summary>
    /// Sends <paramref name="header"/> and <paramref name="frame"/> as one frame with writev (the bound interface), so
    /// a virtio header needs no room in front of the frame.
    /// </summary>
    public IoResult Send(ReadOnlySpan<byte> header, ReadOnlySpan<byte> frame) => Interop.WriteTwo(_fd, header, frame);

    /// <summary>
    /// Receives one Ethernet frame. A longer one than <paramref name="frame"/> is consumed and reported as
    /// <see cref="IoError.MessageTooLong"/>, never cut short.
    /// </summary>
    public unsafe IoResult Receive(Span<byte> frame)
    {
        fixed (byte* data = frame)
        {
            // MSG_TRUNC: the return is the frame's real length, so a cut one shows.
            var received = Interop.RecvFrom(_fd, data, (nuint)frame.Length, Interop.MSG_TRUNC, null, null);
            return received < 0 ? IoResult.FromLastError()
                : received > frame.Length ? IoResult.Failure(IoError.MessageTooLong)
                : IoResult.Success((int)received);
        }
    }

    public void Dispose() => _fd.Dispose();
}
