namespace Hnv.Controller.Watch;

/// <summary>How the watch streams behave: the heartbeat interval (an agent takes a silent stream for a dead one).</summary>
internal sealed record WatchSettings(TimeSpan Heartbeat);
