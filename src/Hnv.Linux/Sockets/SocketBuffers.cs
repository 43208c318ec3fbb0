namespace Hnv.Linux.Sockets;

/// <summary>
/// Socket buffer sizes. A forwarding socket's receive queue must absorb a burst while the worker is busy with
/// the other direction (a 64 KiB TSO read becomes ~45 sends): with the default ~200 KiB, a raw socket dropped
/// a fifth of a TCP stream's packets in the lab. The FORCE options (root) pass net.core.rmem_max/wmem_max.
/// </summary>
internal static class SocketBuffers
{
    internal static unsafe void Set(SafeFileDescriptor fd, int receiveBytes, int sendBytes)
    {
        Set(fd, Interop.SO_RCVBUFFORCE, Interop.SO_RCVBUF, receiveBytes, "SO_RCVBUF");
        Set(fd, Interop.SO_SNDBUFFORCE, Interop.SO_SNDBUF, sendBytes, "SO_SNDBUF");
    }

    private static unsafe void Set(SafeFileDescriptor fd, int forced, int plain, int bytes, string name)
    {
        if (bytes <= 0)
        {
            return;
        }

        // Without CAP_NET_ADMIN the forced option fails; the plain one is then capped by the sysctl, which is fine.
        if (Interop.SetSockOpt(fd, Interop.SOL_SOCKET, forced, &bytes, sizeof(int)) < 0
            && Interop.SetSockOpt(fd, Interop.SOL_SOCKET, plain, &bytes, sizeof(int)) < 0)
        {
            throw LinuxException.FromLastError($"setsockopt {name} {bytes}");
        }
    }
}
