namespace Hnv.Client.Watch;

/// <summary>The kinds of <see cref="WatchEvent"/>.</summary>
public static class WatchEventKinds
{
    /// <summary>The host's whole view at <see cref="WatchEvent.Revision"/>: replace what you hold with it.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>What changed in the host's view up to <see cref="WatchEvent.Revision"/>: remove, then upsert.</summary>
    public const string Change = "change";

    /// <summary>Nothing changed; the stream is alive and the controller is at <see cref="WatchEvent.Revision"/>.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>A live trace's order (<see cref="WatchEvent.Probe"/>); it changes no policy.</summary>
    public const string Probe = "probe";
}
