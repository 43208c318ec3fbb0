using Microsoft.Extensions.Logging;

namespace Hnv.Gateway.Logging;

/// <summary>The gateway's log lines: source-generated, stable event ids, never per packet.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Gateway {Name} starting: PAs {Pas}, external interface {External}, {Domains} routing domain(s)")]
    public static partial void Starting(ILogger logger, string name, string pas, string external, string domains);

    [LoggerMessage(2, LogLevel.Information, "Routing domain {Rdid} served in {Mode} mode from namespace {Namespace} (transit {Transit}){Addresses}")]
    public static partial void ContextReady(ILogger logger, string rdid, string mode, string @namespace, string transit, string addresses);

    [LoggerMessage(3, LogLevel.Information, "Routing domain {Rdid}: routes toward its VMs now {Prefixes} (policy revision {Revision})")]
    public static partial void RoutesChanged(ILogger logger, string rdid, string prefixes, long revision);

    [LoggerMessage(4, LogLevel.Error, "Routing domain {Rdid}'s context not brought up to policy revision {Revision}; trying again: {Reason}")]
    public static partial void SyncFailed(ILogger logger, string rdid, long revision, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Prefix {Prefix} of forward domain {Rdid} is neither routed nor announced: {Reason}")]
    public static partial void ForwardPrefixRefused(ILogger logger, string prefix, string rdid, string reason);

    [LoggerMessage(10, LogLevel.Error, "Routing contexts not brought up to policy revision {Revision}; trying again: {Reason}")]
    public static partial void SyncBroken(ILogger logger, long revision, string reason);

    [LoggerMessage(5, LogLevel.Information, "Removed namespace {Namespace}, left by an earlier run")]
    public static partial void LeftoverRemoved(ILogger logger, string @namespace);

    [LoggerMessage(6, LogLevel.Critical, "Forwarding worker failed; the gateway stops: {Reason}")]
    public static partial void WorkerFailed(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Information, "BGP now announces {Prefixes} (policy revision {Revision})")]
    public static partial void Announcing(ILogger logger, string prefixes, long revision);

    [LoggerMessage(7, LogLevel.Information, "Gateway {Name} stopped; its routing contexts are removed")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(11, LogLevel.Information, "Routing domain {Rdid} is no longer served: namespace {Namespace} removed")]
    public static partial void ContextRemoved(ILogger logger, string rdid, string @namespace);

    [LoggerMessage(12, LogLevel.Error, "Routing domain {Rdid} from the controller is not served: {Reason}")]
    public static partial void DomainRefused(ILogger logger, string rdid, string reason);
}
