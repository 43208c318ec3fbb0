namespace Hnv.Linux.Tap;

/// <summary>How <see cref="TapDevice.Create"/> opens the device.</summary>
[Flags]
public enum TapOptions
{
    None = 0,

    /// <summary>
    /// TUNSETPERSIST: the netdev outlives this descriptor, so a restarted agent reattaches by name
    /// (from the namespace the netdev is in). Without it, closing the last descriptor deletes the netdev.
    /// </summary>
    Persistent = 1,

    /// <summary>O_NONBLOCK: <see cref="TapDevice.Read"/> returns <see cref="IoError.WouldBlock"/> instead of waiting.</summary>
    NonBlocking = 2,
}
