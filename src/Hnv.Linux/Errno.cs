namespace Hnv.Linux;

/// <summary>The errno numbers Hnv.Linux distinguishes (asm-generic/errno*.h), named once, here only.</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EBADF = 9;
    internal const int EAGAIN = 11;
    internal const int ENOMEM = 12;
    internal const int EACCES = 13;
    internal const int EFAULT = 14;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int ENODEV = 19;
    internal const int EINVAL = 22;
    internal const int EDESTADDRREQ = 89;
    internal const int EMSGSIZE = 90;
    internal const int EADDRNOTAVAIL = 99;
    internal const int ENETDOWN = 100;
    internal const int ENETUNREACH = 101;
    internal const int ENOBUFS = 105;
    internal const int ECONNREFUSED = 111;
    internal const int EHOSTDOWN = 112;
    internal const int EHOSTUNREACH = 113;

    internal static IoError ToIoError(int errno) => errno switch
    {
        EAGAIN => IoError.WouldBlock,
        EINTR => IoError.Interrupted,
        EMSGSIZE => IoError.MessageTooLong,
        ENOBUFS or ENOMEM => IoError.NoBufferSpace,
        ENETUNREACH or EHOSTUNREACH or EHOSTDOWN => IoError.Unreachable,
        ECONNREFUSED => IoError.Refused,
        ENETDOWN or ENXIO or ENODEV => IoError.InterfaceDown,
        EIO => IoError.IoFailure,
        EINVAL or EFAULT or EDESTADDRREQ or EBADF => IoError.InvalidArgument,
        EPERM or EACCES => IoError.PermissionDenied,
        _ => IoError.Other,
    };

    /// <summary>The symbolic name for messages, e.g. "EBUSY (16)".</summary>
    internal static string Describe(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        EINTR => "EINTR",
        EIO => "EIO",
        ENXIO => "ENXIO",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        EINVAL => "EINVAL",
        EDESTADDRREQ => "EDESTADDRREQ",
        EMSGSIZE => "EMSGSIZE",
        EADDRNOTAVAIL => "EADDRNOTAVAIL",
        ENETDOWN => "ENETDOWN",
        ENETUNREACH => "ENETUNREACH",
        ENOBUFS => "ENOBUFS",
        ECONNREFUSED => "ECONNREFUSED",
        EHOSTDOWN => "EHOSTDOWN",
        EHOSTUNREACH => "EHOSTUNREACH",
        _ => "errno",
    } + $" ({errno})";
}
