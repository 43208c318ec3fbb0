using System.Runtime.InteropServices;
using Hnv.Linux;
using Hnv.Linux.Tap;

namespace Hnv.Dataplane.Linux.VmPorts;

/// <summary>A TAP the agent created with <see cref="TapOptions.Offloads"/>, as an <see cref="IOffloadDevice"/>.</summary>
public readonly struct TapOffloads : IOffloadDevice
{
    private readonly TapDevice _tap;

    /// <summary>Wraps <paramref name="tap"/>, which must have been opened with <see cref="TapOptions.Offloads"/>.</summary>
    public TapOffloads(TapDevice tap)
    {
        if (!tap.HasVirtioHeader)
        {
            throw new ArgumentException("Open the TAP with TapOptions.Offloads.", nameof(tap));
        }

        _tap = tap;
    }

    /// <inheritdoc />
    public SafeHandle Handle => _tap.Handle;

    /// <inheritdoc />
    public bool AcceptsUdpSuperFrames => _tap.AcceptsUdpSuperFrames;

    /// <inheritdoc />
    public IoResult Read(Span<byte> headerAndFrame) => _tap.Read(headerAndFrame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> headerAndFrame) => _tap.Write(headerAndFrame);

    /// <inheritdoc />
    public IoResult Write(ReadOnlySpan<byte> header, ReadOnlySpan<byte> frame) => _tap.Write(header, frame);

    /// <inheritdoc />
    public void Dispose() => _tap.Dispose();
}
