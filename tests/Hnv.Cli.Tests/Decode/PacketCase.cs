namespace Hnv.Cli.Tests.Decode;

/// <summary>One packet of <see cref="SampleCapture"/>: its name, its bytes (from the outer Ethernet header) and what hnv must see.</summary>
internal sealed record PacketCase(string Name, byte[] Frame, ExpectedPacket Expected);
