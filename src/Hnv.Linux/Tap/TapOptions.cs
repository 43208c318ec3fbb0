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

    /// <summary>
    /// IFF_VNET_HDR with TUN_F_CSUM|TUN_F_TSO4|TUN_F_TSO6: every read and write starts with a
    /// virtio-net header (<see cref="TapDevice.VirtioHeaderLength"/> bytes); reads may be TCP super-frames of up to 64 KiB (segment them) and frames
    /// with an unfinished checksum (finish it); writes may hand the VM one coalesced TCP super-frame.
    /// </summary>
    Offloads = 4,
}
