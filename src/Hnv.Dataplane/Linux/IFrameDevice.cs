using System.Runtime.InteropServices;
using Hnv.Linux;

namespace Hnv.Dataplane.Linux;

/// <summary>
/// A Linux device that carries whole Ethernet frames to and from a VM, one per call and without offloads (an
/// AF_PACKET socket on an interface that already exists). <see cref="DeviceVmPort{TDevice}"/> is generic over a struct implementing
/// this, so the per-frame calls are not virtual (STYLE habit 4).
/// </summary>
public interface IFrameDevice : IDisposable
{
    /// <summary>The descriptor to wait on.</summary>
    SafeHandle Handle { get; }

    /// <summary>Reads one frame the VM sent.</summary>
    IoResult Read(Span<byte> frame);

    /// <summary>Hands one frame to the VM.</summary>
    IoResult Write(ReadOnlySpan<byte> frame);
}
