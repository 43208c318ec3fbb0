using Hnv.Linux.Sockets;

namespace Hnv.Linux.Tests.Sockets;

[Trait("tier", "pure")]
public sealed class PacketBatchTests
{
    [Fact]
    public void New_EveryWindowStartsAtHeadroomAndIsEmpty()
    {
        using var batch = new PacketBatch(capacity: 4, slotSize: 256, headroom: 64);

        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal((64, 0), (batch.PacketOffset(i), batch.PacketLength(i))));
    }

    [Fact]
    public void SetPacket_InFrontOfHeadroom_WindowCoversWrittenBytes() // encapsulation writes outer headers in front
    {
        using var batch = new PacketBatch(capacity: 2, slotSize: 256, headroom: 64);
        batch.Slot(1)[40..50].Fill(0xAB);

        batch.SetPacket(1, offset: 40, length: 10);

        Assert.Equal(Enumerable.Repeat((byte)0xAB, 10), batch.Packet(1).ToArray());
    }

    [Theory]
    [InlineData(0, 257)]   // longer than the slot
    [InlineData(200, 57)]  // runs past its end
    [InlineData(-1, 10)]
    public void SetPacket_WindowOutsideSlot_Throws(int offset, int length)
    {
        using var batch = new PacketBatch(capacity: 1, slotSize: 256);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.SetPacket(0, offset, length));
    }

    [Fact]
    public void Slot_IndexPastCapacity_Throws()
    {
        using var batch = new PacketBatch(capacity: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Slot(2));
    }
}
