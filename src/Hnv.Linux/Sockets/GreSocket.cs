using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Hnv.Linux.Filters;

namespace Hnv.Linux.Sockets;

/// <summary>
/// A raw IPPROTO_GRE socket (IPv4 or IPv6) for the underlay: the caller writes the GRE header and payload,
/// the kernel adds the outer IP header (source = bound PA or the route's) and routes it. Receive gets every
/// GRE packet addressed to this namespace. Created with socket() directly: .NET's Socket refuses protocol 47.
/// </summary>
/// <remarks>
/// Path MTU: IPv4 uses IP_PMTUDISC_DO and IPv6 IPV6_PMTUDISC_DO. Both set DF (IPv6 never fragments in transit)
/// and make a send larger than the path MTU fail with <see cref="IoError.MessageTooLong"/> instead of being
/// fragmented. DO rather than PROBE because DO also honours path MTUs the kernel learned from ICMP "fragmentation
/// needed"/"packet too big", so the agent learns of a smaller underlay hop at its next send and can answer the
/// VM with its own ICMP (docs/architecture.md, "How a packet travels"); PROBE would keep sending at the device MTU into a black hole.
/// </remarks>
public sealed partial class GreSocket : IDisposable
{
    private readonly SafeFileDescriptor _fd;

    private GreSocket(SafeFileDescriptor fd, AddressFamily family)
    {
        _fd = fd;
        AddressFamily = family;
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily AddressFamily { get; }

    /// <summary>Bytes of one address of this family (4 or 16), the size of destination/source spans.</summary>
    public int AddressLength => AddressFamily == AddressFamily.InterNetwork ? 4 : 16;

    /// <summary>The descriptor, for <see cref="Polling.Poller"/>.</summary>
    public SafeHandle Handle => _fd;

    /// <summary>
    /// Opens a raw GRE socket in the calling thread's network namespace, bound to <paramref name="localAddress"/>
    /// (the PA) if given. The kernel checks an IPv6 address is local (EADDRNOTAVAIL); for IPv4 raw sockets it may not, so
    /// pass a PA this namespace really has.
    /// </summary>
    public static unsafe GreSocket Open(AddressFamily family, IPAddress? localAddress = null, bool nonBlocking = false)
    {
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("GRE runs over IPv4 or IPv6.", nameof(family));
        }

        if (localAddress is not null && localAddress.AddressFamily != family)
        {
            throw new ArgumentException($"{localAddress} is not {family}.", nameof(localAddress));
        }

        var isV4 = family == AddressFamily.InterNetwork;
        var type = Interop.SOCK_RAW | Interop.SOCK_CLOEXEC | (nonBlocking ? Interop.SOCK_NONBLOCK : 0);
        var fd = Interop.Socket(isV4 ? Interop.AF_INET : Interop.AF_INET6, type, Interop.IPPROTO_GRE);
        if (fd.IsInvalid)
        {
            var error = LinuxException.FromLastError($"socket({family}, SOCK_RAW, IPPROTO_GRE)");
            fd.Dispose();
            throw error;
        }

        var socket = new GreSocket(fd, family);
        try
        {
            var discover = isV4 ? Interop.IP_PMTUDISC_DO : Interop.IPV6_PMTUDISC_DO;
            if (Interop.SetSockOpt(fd, isV4 ? Interop.IPPROTO_IP : Interop.IPPROTO_IPV6,
                    isV4 ? Interop.IP_MTU_DISCOVER : Interop.IPV6_MTU_DISCOVER, &discover, sizeof(int)) < 0)
            {
                throw LinuxException.FromLastError("setsockopt MTU_DISCOVER DO");
            }

            if (localAddress is not null)
            {
                int result;
                if (isV4)
                {
                    var sockaddr = default(Interop.SockAddrIn);
                    sockaddr.Family = Interop.AF_INET;
                    localAddress.TryWriteBytes(new Span<byte>(sockaddr.Address, 4), out _);
                    result = Interop.Bind(fd, &sockaddr, (uint)sizeof(Interop.SockAddrIn));
                }
                else
                {
                    var sockaddr = default(Interop.SockAddrIn6);
                    sockaddr.Family = Interop.AF_INET6;
                    localAddress.TryWriteBytes(new Span<byte>(sockaddr.Address, 16), out _);
                    sockaddr.ScopeId = (uint)localAddress.ScopeId;
                    result = Interop.Bind(fd, &sockaddr, (uint)sizeof(Interop.SockAddrIn6));
                }

                if (result < 0)
                {
                    throw LinuxException.FromLastError($"bind {localAddress}");
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Attaches <paramref name="filter"/>: with <see cref="BpfProgram.RejectAll"/> the socket only tells the
    /// kernel that someone handles GRE (so it sends no ICMP "protocol unreachable") while another socket reads.
    /// </summary>
    public void SetFilter(BpfProgram filter) => SocketFilter.Attach(_fd, filter);

    /// <summary>Sets the kernel's receive and send queue sizes in bytes (0 keeps one as it is).</summary>
    public void SetBufferSizes(int receiveBytes, int sendBytes) => SocketBuffers.Set(_fd, receiveBytes, sendBytes);

    /// <summary>
    /// Sends one GRE packet to <paramref name="destination"/> (4 or 16 address bytes, matching the family).
    /// <see cref="IoError.MessageTooLong"/> when it would need fragmenting.
    /// </summary>
    public unsafe IoResult Send(ReadOnlySpan<byte> destination, ReadOnlySpan<byte> greHeaderAndPayload)
    {
        if (destination.Length != AddressLength)
        {
            return IoResult.Failure(IoError.InvalidArgument);
        }

        fixed (byte* data = greHeaderAndPayload)
        {
            nint sent;
            if (AddressFamily == AddressFamily.InterNetwork)
            {
                var to = default(Interop.SockAddrIn);
                to.Family = Interop.AF_INET;
                destination.CopyTo(new Span<byte>(to.Address, 4));
                sent = Interop.SendTo(_fd, data, (nuint)greHeaderAndPayload.Length, 0, &to, (uint)sizeof(Interop.SockAddrIn));
            }
            else
            {
                var to = default(Interop.SockAddrIn6);
                to.Family = Interop.AF_INET6;
                destination.CopyTo(new Span<byte>(to.Address, 16));
                sent = Interop.SendTo(_fd, data, (nuint)greHeaderAndPayload.Length, 0, &to, (uint)sizeof(Interop.SockAddrIn6));
            }

            return sent < 0 ? IoResult.FromLastError() : IoResult.Success((int)sent);
        }
    }

    /// <summary>
    /// Receives one GRE packet into <paramref name="buffer"/>; writes the outer source address into
    /// <paramref name="source"/> (at least <see cref="AddressLength"/> bytes). IPv4 raw sockets deliver the
    /// outer IPv4 header too: <paramref name="greOffset"/> says where the GRE header starts (IHL × 4 for IPv4,
    /// 0 for IPv6). Count is the whole length received, header included. A packet longer than
    /// <paramref name="buffer"/> is consumed and reported as <see cref="IoError.MessageTooLong"/>, never cut short.
    /// </summary>
    public unsafe IoResult Receive(Span<byte> buffer, Span<byte> source, out int greOffset)
    {
        greOffset = 0;
        if (source.Length < AddressLength)
        {
            return IoResult.Failure(IoError.InvalidArgument);
        }

        var from = default(Interop.SockAddrIn6); // large enough for either family
        var fromLength = (uint)sizeof(Interop.SockAddrIn6);
        nint received;
        fixed (byte* data = buffer)
        {
            // MSG_TRUNC: the return is the packet's real length, so a cut one shows.
            received = Interop.RecvFrom(_fd, data, (nuint)buffer.Length, Interop.MSG_TRUNC, &from, &fromLength);
        }

        if (received < 0)
        {
            return IoResult.FromLastError();
        }

        if (received > buffer.Length)
        {
            return IoResult.Failure(IoError.MessageTooLong);
        }

        if (AddressFamily == AddressFamily.InterNetwork)
        {
            var v4 = (Interop.SockAddrIn*)&from;
            new ReadOnlySpan<byte>(v4->Address, 4).CopyTo(source);
            greOffset = GreOffset(buffer[..(int)received]);
        }
        else
        {
            new ReadOnlySpan<byte>(from.Address, 16).CopyTo(source);
        }

        return IoResult.Success((int)received);
    }

    public void Dispose() => _fd.Dispose();
}
