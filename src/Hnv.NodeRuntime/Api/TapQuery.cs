using System.Globalization;
using Hnv.Dataplane.Node;
using Hnv.Dataplane.Taps;
using Hnv.Wire.Addressing;
using Microsoft.AspNetCore.Http;

namespace Hnv.NodeRuntime.Api;

/// <summary>
/// The query of a capture or observe request, checked: which port (by name) or the underlay, VSID, CA, and the bounds
/// (count, seconds, bytes, packets a second), each within limits so no request can hold a node's memory or CPU.
/// </summary>
internal sealed record TapQuery(int? Port, string? PortName, bool Underlay, uint? Vsid, IpAddress? Ca, long Count, double Seconds, long MaxBytes, int Rate)
{
    public const long MaxCount = 1_000_000;
    public const double MaxSeconds = 3600;
    public const long MaxByteLimit = 1L << 30;
    public const int MaxRate = 100_000;

    /// <summary>The query checked, or null with the problem and its status (404 for a port this node does not have, else 400).</summary>
    public static TapQuery? Read(HttpRequest request, ForwardingNode node, TapQuery defaults, out string? problem, out int status)
    {
        var q = request.Query;
        problem = null;
        status = 400;
        int? port = null;
        string? portName = q["port"];
        if (portName is not null)
        {
            port = node.Ports.FirstOrDefault(p => string.Equals(p.Name, portName, StringComparison.Ordinal))?.Local.Index;
            if (port is null)
            {
                problem = $"This node has no port {portName}.";
                status = 404;
                return null;
            }
        }

        var underlay = q["underlay"] is { Count: > 0 } u && (u[0] is "" or "true" or "1");
        if (underlay && port is not null)
        {
            problem = "Take either a port's frames (port) or the underlay's packets (underlay), not both.";
            return null;
        }

        uint? vsid = null;
        if (q["vsid"] is { Count: > 0 } v)
        {
            if (!uint.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id > 0xFF_FFFF)
            {
                problem = $"'{v[0]}' is not a VSID.";
                return null;
            }

            vsid = id;
        }

        IpAddress? ca = null;
        if (q["ca"] is { Count: > 0 } c)
        {
            if (!IpAddress.TryParse(c[0], out var address))
            {
                problem = $"'{c[0]}' is not an IPv4 or IPv6 address.";
                return null;
            }

            ca = address;
        }

        var count = Number(q["count"], defaults.Count, 1, MaxCount, "count", ref problem);
        var seconds = Number(q["seconds"], defaults.Seconds, 0.1, MaxSeconds, "seconds", ref problem);
        var bytes = Number(q["maxBytes"], defaults.MaxBytes, 1024, MaxByteLimit, "maxBytes", ref problem);
        var rate = Number(q["rate"], defaults.Rate, 1, MaxRate, "rate", ref problem);
        return problem is null ? new TapQuery(port, portName, underlay, vsid, ca, (long)count, seconds, (long)bytes, (int)rate) : null;
    }

    public TapFilter Filter(TapPoints points) => new(points, Port, Vsid, Ca);

    private static double Number(Microsoft.Extensions.Primitives.StringValues text, double fallback, double min, double max, string name, ref string? problem)
    {
        if (text.Count == 0)
        {
            return fallback;
        }

        if (!double.TryParse(text[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            problem ??= $"'{text[0]}' is not a valid {name}; expected {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.";
            return fallback;
        }

        return value;
    }
}
