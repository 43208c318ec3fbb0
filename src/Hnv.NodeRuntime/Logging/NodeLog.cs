using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Logging;

/// <summary>
/// The log lines of what a forwarding daemon runs around its node (policy sources, cache, underlay): source-generated,
/// stable event ids, never per packet.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(2, LogLevel.Information, "Policy revision {Revision} applied from {File}: {Domains} routing domains, {Records} lookup records")]
    public static partial void PolicyApplied(ILogger logger, long revision, string file, int domains, int records);

    [LoggerMessage(3, LogLevel.Error, "Policy file {File} rejected; still forwarding with revision {Revision}: {Problems}")]
    public static partial void PolicyRejected(ILogger logger, string file, long revision, string problems);

    [LoggerMessage(4, LogLevel.Warning, "Policy file {File} cannot be read; still forwarding with revision {Revision}: {Reason}")]
    public static partial void PolicyUnreadable(ILogger logger, string file, long revision, string reason);

    [LoggerMessage(10, LogLevel.Information, "Policy revision {Revision} applied from the controller ({Kind}): {Domains} routing domains, {Records} lookup records")]
    public static partial void ControllerPolicyApplied(ILogger logger, long revision, string kind, int domains, int records);

    [LoggerMessage(11, LogLevel.Information, "Policy revision {Revision} loaded from the cache {File}; forwarding with it until the controller answers")]
    public static partial void CacheLoaded(ILogger logger, long revision, string file);

    [LoggerMessage(12, LogLevel.Warning, "Policy cache {File} not used: {Reason}")]
    public static partial void CacheUnusable(ILogger logger, string file, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Controller {Address} lost or unreachable; still forwarding with revision {Revision}, retrying in {Delay}: {Reason}")]
    public static partial void ControllerUnreachable(ILogger logger, string address, long revision, TimeSpan delay, string reason);

    [LoggerMessage(14, LogLevel.Information, "Watching the controller {Address} from revision {Revision}")]
    public static partial void ControllerConnected(ILogger logger, string address, long revision);

    [LoggerMessage(15, LogLevel.Error, "Controller event at revision {Revision} not applied ({Problems}); asking for a snapshot")]
    public static partial void ControllerEventRejected(ILogger logger, long revision, string problems);

    [LoggerMessage(16, LogLevel.Warning, "Policy cache {File} cannot be written: {Reason}")]
    public static partial void CacheUnwritable(ILogger logger, string file, string reason);

    [LoggerMessage(17, LogLevel.Warning, "No tc ingress drop on {Interface}: the kernel also routes every NVGRE packet this host receives, which costs throughput ({Reason})")]
    public static partial void IngressDropMissing(ILogger logger, string @interface, string reason);

    [LoggerMessage(19, LogLevel.Information, "TCP super-frames from VMs leave {Interface} whole: the kernel's GRE segmentation offload cuts them (tcx egress program hnv_gre_gso)")]
    public static partial void SegmentationOffloadOn(ILogger logger, string @interface);

    [LoggerMessage(20, LogLevel.Warning, "TCP super-frames from VMs are split by the agent, not by {Interface}'s segmentation offload, which costs throughput ({Reason})")]
    public static partial void SegmentationOffloadMissing(ILogger logger, string @interface, string reason);

    [LoggerMessage(21, LogLevel.Warning, "The controller {Address} is reached over plain http: this node's token and its policy cross the network readable; use https:// (with controller.caFile for a private CA)")]
    public static partial void ControllerInPlainText(ILogger logger, string address);

    [LoggerMessage(22, LogLevel.Warning, "Live-trace probe {Probe} could not be carried out or reported: {Reason}")]
    public static partial void ProbeFailed(ILogger logger, string probe, string reason);
}
