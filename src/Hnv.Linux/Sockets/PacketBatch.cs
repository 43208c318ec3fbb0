using System.Runtime.InteropServices;

namespace Hnv.Linux.Sockets;

/// <summary>
/// Reusable buffers for one recvmmsg/sendmmsg call: <see cref="Capacity"/> slots of <see cref="SlotSize"/>
/// bytes in native memory (addresses never move, nothing is pinned or allocated per call), each with a
/// packet window (offset, length) and a peer address. Receives land at <see cref="Headroom"/>, so outer
/// headers can later be written in front of a packet and the same slot sent without a copy.
/// One batch belongs to one worker thread.
/// </summary>
public sealed unsafe class PacketBatch : IDisposable
{
    private const int AddressSize = 16;

    private byte* _slots;
    private Interop.MMsgHdr* _messages;
    private Interop.IoVec* _vectors;
    private Interop.SockAddrIn6* _names;
    private byte* _addresses;

    /// <param name="capacity">Messages per call (e.g. 32–64).</param>
    /// <param name="slotSize">Bytes per slot, headroom included (e.g. 2048 for a 1500 MTU plus headers).</param>
    /// <param name="headroom">Bytes kept free in front of each received packet.</param>
    public PacketBatch(int capacity, int slotSize = 2048, int headroom = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotSize, 64);
        ArgumentOutOfRangeException.ThrowIfNegative(headroom);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headroom, slotSize - 64);
        Capacity = capacity;
        SlotSize = slotSize;
        Headroom = headroom;
        _slots = (byte*)NativeMemory.AlignedAlloc((nuint)capacity * (nuint)slotSize, 64);
        _messages = (Interop.MMsgHdr*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Interop.MMsgHdr));
        _vectors = (Interop.IoVec*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Interop.IoVec));
        _names = (Interop.SockAddrIn6*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(Interop.SockAddrIn6));
        _addresses = (byte*)NativeMemory.AllocZeroed((nuint)capacity, AddressSize);
        for (var i = 0; i < capacity; i++)
        {
            _messages[i].Header.Iov = &_vectors[i];
            _messages[i].Header.IovLength = 1;
            SetPacket(i, headroom, 0);
        }
    }

    public int Capacity { get; }

    public int SlotSize { get; }

    public int Headroom { get; }

    /// <summary>The whole slot <paramref name="index"/>, headroom included.</summary>
    public Span<byte> Slot(int index) => new(_slots + ((nint)Check(index) * SlotSize), SlotSize);

    /// <summary>The packet window of slot <paramref name="index"/>: what was received, or what will be sent.</summary>
    public Span<byte> Packet(int index) => Slot(index).Slice(PacketOffset(index), PacketLength(index));

    public int PacketOffset(int index) => (int)((byte*)_vectors[Check(index)].Base - (_slots + ((nint)index * SlotSize)));

    public int PacketLength(int index) => (int)_vectors[Check(index)].Length;

    /// <summary>
    /// After a receive: the kernel had more of message <paramref name="index"/> than its slot held (MSG_TRUNC), so
    /// the window is only the frame's start.
    /// </summary>
    public bool IsTruncated(int index) => (_messages[Check(index)].Header.Flags & Interop.MSG_TRUNC) != 0;

    /// <summary>Sets what a send takes from slot <paramref name="index"/>: <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    public void SetPacket(int index, int offset, int length)
    {
        Check(index);
        if ((uint)offset > (uint)SlotSize || (uint)length > (uint)(SlotSize - offset))
        {
            ThrowWindow(offset, length);
        }

        _vectors[index].Base = _slots + ((nint)index * SlotSize) + offset;
        _vectors[index].Length = (nuint)length;
    }

    /// <summary>
    /// The peer address of message <paramref name="index"/> (16 bytes; an IPv4 socket uses the first 4):
    /// the source after a GRE receive, the destination for a GRE send. Unused by <see cref="PacketSocket"/>.
    /// </summary>
    public Span<byte> Address(int index) => new(_addresses + ((nint)Check(index) * AddressSize), AddressSize);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_slots);
        NativeMemory.Free(_messages);
        NativeMemory.Free(_vectors);
        NativeMemory.Free(_names);
        NativeMemory.Free(_addresses);
        _slots = null;
        _messages = null;
        _vectors = null;
        _names = null;
        _addresses = null;
    }

    /// <summary>Readies the first <paramref name="count"/> messages for recvmmsg: full windows after the headroom.</summary>
    internal Interop.MMsgHdr* PrepareReceive(int count, bool withNames)
    {
        for (var i = 0; i < count; i++)
        {
            _vectors[i].Base = _slots + ((nint)i * SlotSize) + Headroom;
            _vectors[i].Length = (nuint)(SlotSize - Headroom);
            _messages[i].Header.Name = withNames ? &_names[i] : null;
            _messages[i].Header.NameLength = withNames ? (uint)sizeof(Interop.SockAddrIn6) : 0;
            _messages[i].Header.Flags = 0;
        }

        return Messages;
    }

    /// <summary>After recvmmsg: each window's length becomes what the kernel wrote.</summary>
    internal void CompleteReceive(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _vectors[i].Length = _messages[i].Length;
        }
    }

    /// <summary>Readies the first <paramref name="count"/> messages for sendmmsg (windows as set by <see cref="SetPacket"/>).</summary>
    internal Interop.MMsgHdr* PrepareSend(int count, bool withNames, int nameLength)
    {
        for (var i = 0; i < count; i++)
        {
            _messages[i].Header.Name = withNames ? &_names[i] : null;
            _messages[i].Header.NameLength = withNames ? (uint)nameLength : 0;
        }

        return Messages;
    }

    internal Interop.MMsgHdr* Messages => _messages;

    internal Interop.SockAddrIn6* Name(int index) => &_names[index];

    internal int Check(int index)
    {
        ObjectDisposedException.ThrowIf(_slots == null, this);
        if ((uint)index >= (uint)Capacity)
        {
            ThrowIndex(index);
        }

        return index;
    }

    private void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The batch has {Capacity} slots.");

    private void ThrowWindow(int offset, int length) =>
        throw new ArgumentOutOfRangeException(nameof(length), $"[{offset}, +{length}) does not fit a {SlotSize}-byte slot.");
}
