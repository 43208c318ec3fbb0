namespace Hnv.Linux.Polling;

/// <summary>Readiness conditions (the EPOLL* bits, level-triggered).</summary>
[Flags]
public enum PollEvents : uint
{
    None = 0,
    Readable = 0x001,
    Writable = 0x004,
    Error = 0x008,
    HangUp = 0x010,
}
