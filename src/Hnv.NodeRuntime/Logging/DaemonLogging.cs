using Microsoft.Extensions.Logging;

namespace Hnv.NodeRuntime.Logging;

/// <summary>How a forwarding daemon logs: one line per event on stdout (journald takes it under systemd), UTC timestamps.</summary>
public static class DaemonLogging
{
    /// <summary>Replaces the default providers with the single-line console; ASP.NET Core's per-request lines are left out.</summary>
    public static ILoggingBuilder AddDaemonConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });

        // One line per request is noise, not news: a daemon logs what changes, not what it serves.
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return logging;
    }
}
