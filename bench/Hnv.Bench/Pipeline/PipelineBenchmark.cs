using BenchmarkDotNet.Attributes;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;

namespace Hnv.Bench.Pipeline;

/// <summary>
/// What both pipeline benchmarks share: the two-host network, the buffer, the sizes and protocols, and the
/// anchor every Ratio is read against: one copy of the frame (<see cref="Size"/> bytes) between two
/// preallocated buffers, measured in the same run and class.
/// </summary>
[MemoryDiagnoser]
public abstract class PipelineBenchmark
{
    protected TwoHostNetwork Network { get; } = new();

    protected ForwardingCounters Counters { get; } = new();

    protected PacketBuffer Buffer { get; } = new(PacketBuffer.Headroom + 2048);

    /// <summary>The frame the VM sends (or receives); set by the derived class's setup.</summary>
    protected byte[] Frame { get; set; } = [];

    private byte[] _copy = [];

    [Params(64, 512, 1500)]
    public int Size { get; set; }

    [Params(FrameProtocol.Udp, FrameProtocol.Tcp)]
    public FrameProtocol Protocol { get; set; }

    /// <summary>The anchor: one copy of the same frame between two preallocated buffers.</summary>
    [Benchmark(Baseline = true)]
    public void Copy() => Frame.AsSpan().CopyTo(_copy);

    /// <summary>Makes the anchor's destination; derived setups call it.</summary>
    protected void PrepareCopy() => _copy = new byte[Size];
}
