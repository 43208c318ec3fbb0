using Microsoft.Extensions.Logging;

namespace Hnv.Agent.Logging;

/// <summary>The agent's log lines: source-generated, stable event ids, never per packet.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent for host {Host} starting: PAs {Pas}, underlay MTU {Mtu}, API on {Socket}")]
    public static partial void Starting(ILogger logger, string host, string pas, int mtu, string socket);

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

    [LoggerMessage(18, LogLevel.Information, "Forwarding with {Workers}{Cpus}")]
    public static partial void WorkersStarted(ILogger logger, string workers, string cpus);
}
