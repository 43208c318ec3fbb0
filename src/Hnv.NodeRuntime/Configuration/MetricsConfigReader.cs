using System.Globalization;
using System.Net;

namespace Hnv.NodeRuntime.Configuration;

/// <summary>Reads a daemon's <c>metrics</c> field: where Prometheus scrapes it, IP:PORT (left out: no metrics listener).</summary>
public static class MetricsConfigReader
{
    public static IPEndPoint? Validate(string? text, List<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (text is null)
        {
            return null;
        }

        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port is > 0 and <= 65535 && text.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }

        problems.Add(new("metrics", string.Create(CultureInfo.InvariantCulture,
            $"'{text}' is not where to serve metrics; expected IP:PORT such as 127.0.0.1:9464 (an IPv6 address in brackets: [::1]:9464).")));
        return null;
    }
}
