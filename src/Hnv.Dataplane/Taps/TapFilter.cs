using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Addressing;
using Hnv.Wire.Parsing;

namespace Hnv.Dataplane.Taps;

/// <summary>
/// What a tap takes: at which points, on which port (null: all), in which VSID, to or from which CA. VSID and CA are
/// overlay fields, matched on the inner packet of underlay traffic too.
/// </summary>
public sealed record TapFilter(TapPoints Points, int? Port = null, uint? Vsid = null, IpAddress? Ca = null)
{
    /// <summary>Whether the packet is one to take; <paramref name="vsid"/> is what the worker knows of it (0: unknown).</summary>
    public bool Matches(TapPoints point, Span<byte> bytes, bool isFrame, int port, uint vsid)
    {
        if ((Points & point) == 0 || (Port is { } only && port != only))
        {
            return false;
        }

        if (Vsid is null && Ca is null)
        {
            return true;
        }

        IpAddress source, destination;
        if (isFrame)
        {
            FrameParser.Parse(bytes, out var summary);
            if (Ca is not null && !summary.IsIp)
            {
                return false;
            }

            (source, destination) = (summary.Source, summary.Destination);
        }
        else
        {
            UnderlayDecoder.Decode(bytes, out var outer); // reads only
            vsid = outer.HasGre ? outer.Vsid.Value : 0;
            (source, destination) = outer.HasInner ? (outer.Inner.Source, outer.Inner.Destination) : (default, default);
            if (Ca is not null && !outer.HasInner)
            {
                return false;
            }
        }

        return (Vsid is not { } v || v == vsid) && (Ca is not { } ca || ca == source || ca == destination);
    }
}
