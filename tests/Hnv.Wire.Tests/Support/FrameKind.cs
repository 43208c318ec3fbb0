namespace Hnv.Wire.Tests.Support;

/// <summary>Which <see cref="Hnv.Wire.Building.FrameBuilder"/> method made a <see cref="BuiltFrame"/>.</summary>
internal enum FrameKind
{
    Udp,
    Tcp,
    Echo,
    Arp,
    NeighborSolicitation,
}
