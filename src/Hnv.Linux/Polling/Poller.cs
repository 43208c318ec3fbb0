using System.Runtime.InteropServices;

namespace Hnv.Linux.Polling;

/// <summary>
/// epoll for one worker thread: add descriptors with a token, then <see cref="Wait"/> with a timeout on a
/// dedicated thread (no async, no thread pool on the packet path). <see cref="Wake"/> (any thread) makes the
/// wait return with a <see cref="WakeToken"/> event, for shutdown or "new work queued".
/// </summary>
public sealed class Poller : IDisposable
{
    /// <summary>The token of the event <see cref="Wake"/> produces; not usable with <see cref="Add"/>.</summary>
    public const ulong WakeToken = ulong.MaxValue;

    private const int MaxEventsPerWait = 64;

    private readonly SafeFileDescriptor _epoll;
    private readonly SafeFileDescriptor _wake;

    public unsafe Poller()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            // struct epoll_event is packed on x86_64 only; Interop.EpollEvent has that layout.
            throw new PlatformNotSupportedException("Poller supports x86_64 (the epoll_event layout).");
        }

        _epoll = Interop.EpollCreate1(Interop.EPOLL_CLOEXEC);
        _wake = Interop.EventFd(0, Interop.EFD_CLOEXEC | Interop.EFD_NONBLOCK);
        if (_epoll.IsInvalid || _wake.IsInvalid)
        {
            var error = LinuxException.FromLastError(_epoll.IsInvalid ? "epoll_create1" : "eventfd");
            Dispose();
            throw error;
        }

        var ev = new Interop.EpollEvent { Events = (uint)PollEvents.Readable, Data = WakeToken };
        if (Interop.EpollCtl(_epoll, Interop.EPOLL_CTL_ADD, _wake, &ev) < 0)
        {
            var error = LinuxException.FromLastError("epoll_ctl ADD eventfd");
            Dispose();
            throw error;
        }
    }

    /// <summary>Watches <paramref name="handle"/> for <paramref name="events"/>, reported with <paramref name="token"/>.</summary>
    public void Add(SafeHandle handle, ulong token, PollEvents events = PollEvents.Readable) =>
        Control(Interop.EPOLL_CTL_ADD, handle, token, events, "ADD");

    /// <summary>Changes what <paramref name="handle"/> is watched for (e.g. add Writable while a queue is full).</summary>
    public void Modify(SafeHandle handle, ulong token, PollEvents events) =>
        Control(Interop.EPOLL_CTL_MOD, handle, token, events, "MOD");

    /// <summary>Stops watching <paramref name="handle"/> (closing a descriptor also removes it).</summary>
    public void Remove(SafeHandle handle) => Control(Interop.EPOLL_CTL_DEL, handle, 0, PollEvents.None, "DEL");

    /// <summary>
    /// Waits until a descriptor is ready, <see cref="Wake"/> is called, or <paramref name="timeout"/> passes
    /// (<see cref="Timeout.InfiniteTimeSpan"/> waits forever). Fills <paramref name="ready"/> (at most 64 per call); Count is how many
    /// (0 on timeout). <see cref="IoError.Interrupted"/> when a signal cut the wait short: just wait again.
    /// </summary>
    public unsafe IoResult Wait(Span<PollEvent> ready, TimeSpan timeout)
    {
        var milliseconds = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
        var capacity = Math.Min(ready.Length, MaxEventsPerWait);
        var native = stackalloc Interop.EpollEvent[MaxEventsPerWait];
        var count = Interop.EpollWait(_epoll, native, capacity, milliseconds);
        if (count < 0)
        {
            return IoResult.FromLastError();
        }

        for (var i = 0; i < count; i++)
        {
            if (native[i].Data == WakeToken)
            {
                ulong drained;
                _ = Interop.Read(_wake, (byte*)&drained, sizeof(ulong));
            }

            ready[i] = new PollEvent(native[i].Data, (PollEvents)native[i].Events);
        }

        return IoResult.Success(count);
    }

    /// <summary>Makes the current or next <see cref="Wait"/> return a <see cref="WakeToken"/> event. Thread-safe.</summary>
    public unsafe void Wake()
    {
        ulong one = 1;
        _ = Interop.Write(_wake, (byte*)&one, sizeof(ulong));
    }

    public void Dispose()
    {
        _epoll?.Dispose();
        _wake?.Dispose();
    }

    private unsafe void Control(int operation, SafeHandle handle, ulong token, PollEvents events, string name)
    {
        if (handle is not SafeFileDescriptor fd)
        {
            throw new ArgumentException("Pass the Handle of a Hnv.Linux device or socket.", nameof(handle));
        }

        if (token == WakeToken && operation != Interop.EPOLL_CTL_DEL)
        {
            throw new ArgumentOutOfRangeException(nameof(token), "WakeToken is reserved for Wake().");
        }

        var ev = new Interop.EpollEvent { Events = (uint)events, Data = token };
        if (Interop.EpollCtl(_epoll, operation, fd, &ev) < 0)
        {
            throw LinuxException.FromLastError($"epoll_ctl {name} fd {fd.Value}");
        }
    }
}
