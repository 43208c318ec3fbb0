namespace Hnv.Bench.Pipeline;

/// <summary>The transport of the benchmarked IPv4 frames.</summary>
public enum FrameProtocol
{
    Udp,
    Tcp,
}
