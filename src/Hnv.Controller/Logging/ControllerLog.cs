using Microsoft.Extensions.Logging;

namespace Hnv.Controller.Logging;

/// <summary>The controller's log lines: source-generated, stable event ids. Never a token's secret.</summary>
internal static partial class ControllerLog
{
    [LoggerMessage(1, LogLevel.Information, "Controller {Replica} starting: store {Store} at {Location}, revision {Revision}, {Migrations} migrations run")]
    public static partial void Starting(ILogger logger, string replica, string store, string location, long revision, int migrations);

    [LoggerMessage(2, LogLevel.Information, "Listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(3, LogLevel.Warning, "Bootstrap write token created; its secret is in {File} (mode 0600)")]
    public static partial void BootstrapTokenWritten(ILogger logger, string file);

    [LoggerMessage(4, LogLevel.Information, "Revision {Revision}: {Changes} changes by {Caller}, {Hosts} hosts' views changed")]
    public static partial void Written(ILogger logger, long revision, int changes, string caller, int hosts);

    [LoggerMessage(5, LogLevel.Information, "Revision {Revision} read from the change log ({Changes} changes from another replica)")]
    public static partial void CaughtUp(ILogger logger, long revision, int changes);

    [LoggerMessage(6, LogLevel.Error, "The store failed; nothing was applied: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string reason);

    [LoggerMessage(7, LogLevel.Critical, "Revision {Revision} from the change log does not apply ({Reason}); reloading the whole state")]
    public static partial void ChangeNotApplicable(ILogger logger, long revision, string reason);

    [LoggerMessage(8, LogLevel.Information, "Host {Host} watching from revision {Revision}")]
    public static partial void WatchStarted(ILogger logger, string host, long revision);

    [LoggerMessage(9, LogLevel.Information, "Host {Host} stopped watching at revision {Revision}")]
    public static partial void WatchEnded(ILogger logger, string host, long revision);

    [LoggerMessage(10, LogLevel.Information, "Token {Name} ({Role}) created by {Caller}")]
    public static partial void TokenCreated(ILogger logger, string name, string role, string caller);

    [LoggerMessage(11, LogLevel.Information, "Token {Name} deleted by {Caller}")]
    public static partial void TokenDeleted(ILogger logger, string name, string caller);

    [LoggerMessage(12, LogLevel.Information, "Controller stopped at revision {Revision}")]
    public static partial void Stopped(ILogger logger, long revision);

    [LoggerMessage(13, LogLevel.Warning, "Reading the change log failed; retrying on the next notification: {Reason}")]
    public static partial void CatchUpFailed(ILogger logger, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Host {Host}'s watch ended: {Reason}")]
    public static partial void WatchRevoked(ILogger logger, string host, string reason);

    [LoggerMessage(15, LogLevel.Information, "Gateway {Gateway} is {Health} ({Reason}), revision {Revision}")]
    public static partial void GatewayHealthChanged(ILogger logger, string gateway, string health, string reason, long revision);

    [LoggerMessage(16, LogLevel.Warning, "Checking gateways' health failed; trying again: {Reason}")]
    public static partial void GatewayCheckFailed(ILogger logger, string reason);
}
