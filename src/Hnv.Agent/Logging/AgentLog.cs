using Microsoft.Extensions.Logging;

namespace Hnv.Agent.Logging;

/// <summary>The agent's log lines: source-generated, stable event ids, never per packet.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent for host {Host} starting: PAs {Pas}, underlay MTU {Mtu}, API on {Socket}")]
    public static partial void Starting(ILogger logger, string host, string pas, int mtu, string socket);

    [LoggerMessage(2, LogLevel.Information, "Policy revision {Revision} applied from {File}: {Domains} routing domains, {Records} lookup records")]
    public static partial void PolicyApplied(ILogger logger, long revision, string file, int domains, int records);

    [LoggerMessage(3, LogLevel.Error, "Policy file {File} rejected; still forwarding with revision {Revision}: {Problems}")]
    public static partial void PolicyRejected(ILogger logger, string file, long revision, string problems);

    [LoggerMessage(4, LogLevel.Warning, "Policy file {File} cannot be read; still forwarding with revision {Revision}: {Reason}")]
    public static partial void PolicyUnreadable(ILogger logger, string file, long revision, string reason);

    [LoggerMessage(5, LogLevel.Information, "Port {Port} attached: {Interface} in namespace {Namespace}, MAC {Mac}, VSID {Vsid}, CAs {Addresses}")]
    public static partial void PortAttached(ILogger logger, string port, string @interface, string @namespace, string mac, uint vsid, string addresses);

    [LoggerMessage(6, LogLevel.Information, "Port {Port} detached")]
    public static partial void PortDetached(ILogger logger, string port);

    [LoggerMessage(7, LogLevel.Error, "Port {Port} could not be attached: {Reason}")]
    public static partial void PortFailed(ILogger logger, string port, string reason);

    [LoggerMessage(8, LogLevel.Information, "Agent for host {Host} stopped")]
    public static partial void Stopped(ILogger logger, string host);

    [LoggerMessage(9, LogLevel.Critical, "Forwarding worker failed; the agent stops: {Reason}")]
    public static partial void WorkerFailed(ILogger logger, string reason);

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

    [LoggerMessage(21, LogLevel.Warning, "The controller {Address} is reached over plain http: this host's agent token and its policy cross the network readable; use https:// (with controller.caFile for a private CA)")]
    public static partial void ControllerInPlainText(ILogger logger, string address);

    [LoggerMessage(18, LogLevel.Information, "Forwarding with {Workers}{Cpus}")]
    public static partial void WorkersStarted(ILogger logger, string workers, string cpus);
}
