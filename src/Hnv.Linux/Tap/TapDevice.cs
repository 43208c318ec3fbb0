using System.Runtime.InteropServices;
using System.Text;

namespace Hnv.Linux.Tap;

/// <summary>
/// A Linux TAP device (IFF_TAP|IFF_NO_PI): each read returns one Ethernet frame the netdev transmitted, each
/// write hands one frame to the netdev as received. The descriptor keeps working after the netdev is moved into
/// another network namespace (the VM's), which is how a VM port is wired.
/// </summary>
public sealed partial class TapDevice : IDisposable
{
    private const string CloneDevice = "/dev/net/tun";

    private readonly SafeFileDescriptor _fd;

    private TapDevice(SafeFileDescriptor fd, string name)
    {
        _fd = fd;
        Name = name;
    }

    /// <summary>The netdev's name as the kernel assigned it (as it was when opened: a later rename is not seen).</summary>
    public string Name { get; }

    /// <summary>The descriptor, for <see cref="Polling.Poller"/>. Do not close it; dispose the device.</summary>
    public SafeHandle Handle => _fd;

    /// <summary>
    /// Creates the TAP <paramref name="name"/>, or attaches to it if it exists and is persistent. The netdev is
    /// looked up in the calling thread's network namespace (use <see cref="Links.NetworkNamespace.Run{T}"/>
    /// to reattach to one that was moved). A name with "%d" lets the kernel pick a number.
    /// </summary>
    /// <exception cref="LinuxException">The device could not be opened (EBUSY: attached elsewhere; EPERM: not root).</exception>
    public static unsafe TapDevice Create(string name, TapOptions options = TapOptions.None)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) >= Interop.IFNAMSIZ)
        {
            throw new ArgumentException($"An interface name has at most {Interop.IFNAMSIZ - 1} bytes: '{name}'.", nameof(name));
        }

        var flags = Interop.O_RDWR | Interop.O_CLOEXEC;
        if ((options & TapOptions.NonBlocking) != 0)
        {
            flags |= Interop.O_NONBLOCK;
        }

        var fd = Interop.Open(CloneDevice, flags);
        if (fd.IsInvalid)
        {
            var error = LinuxException.FromLastError($"open {CloneDevice}");
            fd.Dispose();
            throw error;
        }

        try
        {
            var request = default(Interop.IfReq);
            Encoding.UTF8.GetBytes(name, new Span<byte>(request.Name, Interop.IFNAMSIZ));
            var offloads = (options & TapOptions.Offloads) != 0;
            request.Flags = (short)(Interop.IFF_TAP | Interop.IFF_NO_PI | (offloads ? Interop.IFF_VNET_HDR : 0));
            if (Interop.Ioctl(fd, Interop.TUNSETIFF, ref request) < 0)
            {
                throw LinuxException.FromLastError($"TUNSETIFF {name}");
            }

            var assigned = new ReadOnlySpan<byte>(request.Name, Interop.IFNAMSIZ);
            var length = assigned.IndexOf((byte)0);
            var device = new TapDevice(fd, Encoding.UTF8.GetString(length < 0 ? assigned : assigned[..length]));
            if (offloads)
            {
                device.EnableOffloads();
            }

            if ((options & TapOptions.Persistent) != 0)
            {
                device.SetPersistent(true);
            }

            return device;
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// TUNSETPERSIST. Turning it off on a persistent device means closing this descriptor deletes the netdev,
    /// which is how a persistent TAP is removed by its owner.
    /// </summary>
    public void SetPersistent(bool persistent)
    {
        if (Interop.Ioctl(_fd, Interop.TUNSETPERSIST, persistent ? 1 : 0) < 0)
        {
            throw LinuxException.FromLastError($"TUNSETPERSIST {Name} {(persistent ? 1 : 0)}");
        }
    }

    /// <summary>
    /// Reads one frame the netdev sent. A frame longer than <paramref name="frame"/> is truncated, so pass at
    /// least MTU + 14 bytes. <see cref="IoError.WouldBlock"/> when nonblocking and nothing is queued.
    /// </summary>
    public unsafe IoResult Read(Span<byte> frame)
    {
        fixed (byte* buffer = frame)
        {
            var n = Interop.Read(_fd, buffer, (nuint)frame.Length);
            return n < 0 ? IoResult.FromLastError() : IoResult.Success((int)n);
        }
    }

    /// <summary>
    /// Writes one whole Ethernet frame into the netdev (the VM receives it).
    /// <see cref="IoError.IoFailure"/> (EIO) while the netdev is down.
    /// </summary>
    public unsafe IoResult Write(ReadOnlySpan<byte> frame)
    {
        fixed (byte* buffer = frame)
        {
            var n = Interop.Write(_fd, buffer, (nuint)frame.Length);
            return n < 0 ? IoResult.FromLastError() : IoResult.Success((int)n);
        }
    }

    public void Dispose() => _fd.Dispose();
}
