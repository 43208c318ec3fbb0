namespace Hnv.Linux;

/// <summary>
/// What a packet-path syscall reported, as a name instead of an errno (docs/architecture.md, "errno becomes a typed result").
/// Callers above Hnv.Linux switch on these; they never see the numbers.
/// </summary>
public enum IoError
{
    /// <summary>The call succeeded.</summary>
    None = 0,

    /// <summary>EAGAIN: a nonblocking descriptor has nothing to read, or no room to write. Poll and retry.</summary>
    WouldBlock,

    /// <summary>EINTR: a signal interrupted the call. Retry.</summary>
    Interrupted,

    /// <summary>EMSGSIZE: larger than the (path) MTU and not fragmented, or larger than the device takes.</summary>
    MessageTooLong,

    /// <summary>ENOBUFS/ENOMEM: the kernel had no buffer; the packet is dropped.</summary>
    NoBufferSpace,

    /// <summary>ENETUNREACH/EHOSTUNREACH/EHOSTDOWN: no route or neighbour for the destination.</summary>
    Unreachable,

    /// <summary>ECONNREFUSED or a queued ICMP error reported on this socket.</summary>
    Refused,

    /// <summary>ENETDOWN/ENXIO/ENODEV: the interface is down or gone.</summary>
    InterfaceDown,

    /// <summary>EIO: the TAP device's netdev is not up (or the device failed).</summary>
    IoFailure,

    /// <summary>EINVAL/EFAULT/EDESTADDRREQ/EBADF: a malformed call or a closed descriptor; a bug, not traffic.</summary>
    InvalidArgument,

    /// <summary>EPERM/EACCES: not allowed (missing CAP_NET_ADMIN/CAP_NET_RAW, or a filter).</summary>
    PermissionDenied,

    /// <summary>Any other errno; <see cref="LinuxException"/> carries its name where that matters.</summary>
    Other,
}
