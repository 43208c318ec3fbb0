using BenchmarkDotNet.Attributes;
using Hnv.Forwarding.Buffers;
using Hnv.Forwarding.Counters;
using Hnv.Forwarding.Node;
using Hnv.Forwarding.Pipeline;
using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Bench.Pipeline;

/// <summary>
/// Underlay -> VM: an NVGRE packet from the remote host (192.0.2.2 -> 192.0.2.1, VSID 5001) around an IPv4
/// UDP/TCP frame from the remote VM to the local VM goes through
/// <see cref="ForwardingPipeline.FromUnderlay(PacketBuffer, NodeSnapshot, ForwardingCounters)"/> (outer IP,
/// NVGRE and inner frame checks, PA, destination and source checks, decapsulation by moving Offset/Length).
/// The baseline copies the inner frame (<see cref="PipelineBenchmark.Size"/> bytes) once between two preallocated buffers.
/// </summary>
public class UnderlayToVmBenchmarks : PipelineBenchmark
{
    private byte[] _outer = [];
    private int _outerOffset;
    private int _outerLength;

    [GlobalSetup]
    public void Setup()
    {
        Frame = TwoHostNetwork.Frame(Protocol, Size, TwoHostNetwork.RemoteMac, TwoHostNetwork.LocalMac, TwoHostNetwork.RemoteCa, TwoHostNetwork.LocalCa);
        PrepareCopy();

        // What the remote host's pipeline would send: the envelope written in front of the frame, in the headroom.
        Buffer.Load(Frame);
        FrameParser.Parse(Frame, out var summary);
        _outerOffset = NvgreEnvelope.WriteInFront(
            Buffer.All, PacketBuffer.Headroom, Size, TwoHostNetwork.RemotePa, TwoHostNetwork.LocalPa, TwoHostNetwork.Vsid, FlowHash.Compute(summary));
        _outerLength = PacketBuffer.Headroom + Size - _outerOffset;
        Restore();
        _outer = Buffer.Data.ToArray();

        // Never measure a drop: the packet must be delivered to the local VM's port as the original frame, and
        // the pipeline must not have changed a byte (only Offset/Length are restored per iteration).
        for (var i = 0; i < 3; i++)
        {
            Restore();
            var verdict = Run();
            if (verdict.Kind != VerdictKind.Deliver || verdict.Port != TwoHostNetwork.LocalPort || verdict.Vsid != TwoHostNetwork.Vsid)
            {
                throw new InvalidOperationException($"underlay -> VM ({Protocol}, {Size} bytes): expected Deliver to port {TwoHostNetwork.LocalPort}, got {verdict}.");
            }

            if (!Buffer.Data.SequenceEqual(Frame))
            {
                throw new InvalidOperationException("underlay -> VM: the delivered frame is not the frame that was encapsulated.");
            }

            Restore();
            if (!Buffer.Data.SequenceEqual(_outer))
            {
                throw new InvalidOperationException("underlay -> VM: the pipeline changed the packet's bytes; restoring Offset/Length is not enough.");
            }
        }
    }

    /// <summary>Validate + decapsulate. The pipeline only moves Offset/Length, so only those are restored.</summary>
    [Benchmark]
    public VerdictKind Decapsulate()
    {
        Restore();
        return Run().Kind;
    }

    private void Restore()
    {
        Buffer.Offset = _outerOffset;
        Buffer.Length = _outerLength;
    }

    private Verdict Run() => ForwardingPipeline.FromUnderlay(Buffer, Network.Host, Counters);
}
