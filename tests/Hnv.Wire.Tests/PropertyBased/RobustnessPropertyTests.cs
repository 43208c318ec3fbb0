using Hnv.Wire.Addressing;
using Hnv.Wire.Capture;
using Hnv.Wire.Tests.Fuzz;
using Hnv.Wire.Tests.Fuzz.Targets;
using Hnv.Wire.Tests.Support;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.PropertyBased;

/// <summary>
/// Bad input is false or an error value, never an exception (docs/architecture.md, "bad input is false or a drop reason"): random bytes and single mutations of
/// valid inputs through every parser entry point, each given an exact-length slice of a sentinel-filled array.
/// </summary>
[Trait("tier", "pure")]
public sealed class RobustnessPropertyTests
{
    private const int Inputs = 20_000;

    /// <summary>Runs every fuzz target (which together call every TryRead/Parse entry point) and the pcap reader on a guarded copy.</summary>
    private static void RunEverywhere(byte[] input, string origin)
    {
        foreach (var target in FuzzTargets.All)
        {
            var guarded = new SentinelBuffer(input);
            var exception = Record.Exception(() => target.Run(guarded.Span));
            if (exception is not null || !guarded.IsIntact())
            {
                Assert.Fail($"{target.Name} on {origin} [{Convert.ToHexString(input)}]: "
                    + (exception?.ToString() ?? "wrote inside or outside its span"));
            }
        }

        // The reader reads a stream, so the guard is the stream's window onto the sentinel array.
        var pcap = new SentinelBuffer(input);
        var pcapException = Record.Exception(() =>
            PcapReaderTarget.Read(new MemoryStream(pcap.Array, SentinelBuffer.Offset, pcap.Length, writable: false)));
        if (pcapException is not null || !pcap.IsIntact())
        {
            Assert.Fail($"PcapReader (guarded) on {origin} [{Convert.ToHexString(input)}]: {pcapException}");
        }
    }

    /// <summary>Valid inputs of every layer: frames, their IP and transport headers, NVGRE payloads, pcap files, the corpus.</summary>
    private static List<byte[]> ValidSeeds(Random random)
    {
        var seeds = new List<byte[]>();
        for (var i = 0; i < 300; i++)
        {
            var built = RandomFrames.Next(random);
            seeds.Add(built.Bytes);
            seeds.Add(built.Bytes[14..]);
            if (built.Kind != FrameKind.Arp)
            {
                seeds.Add(built.Bytes[Hnv.Wire.Building.FrameBuilder.HeadersLength(built.IsV6)..]);
            }

            var gre = new byte[8 + built.Bytes.Length];
            NvgreHeader.Write(gre, new Vsid(0x1000 + (uint)i), (byte)i);
            built.Bytes.CopyTo(gre, 8);
            seeds.Add(gre);
        }

        for (var i = 0; i < 30; i++)
        {
            using var stream = new MemoryStream();
            using (var writer = new PcapWriter(stream, leaveOpen: true))
            {
                for (var r = random.Next(4); r > 0; r--)
                {
                    writer.Write(RandomFrames.Next(random).Bytes, DateTimeOffset.UnixEpoch.AddSeconds(random.Next()));
                }
            }

            seeds.Add(stream.ToArray());
        }

        var corpus = Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus");
        seeds.AddRange(Directory.GetFiles(corpus, "*.bin", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes));
        return seeds;
    }

    [Fact]
    public void RandomBytes_20000Inputs_NeverThrowNorTouchOutsideTheSpan()
    {
        var random = new Random(2);
        for (var i = 0; i < Inputs; i++)
        {
            var input = new byte[random.Next(201)];
            random.NextBytes(input);
            // Give a quarter of them a plausible first byte so the IPv4/IPv6 views get past the version check.
            if (input.Length > 0 && i % 4 == 0)
            {
                input[0] = random.Next(2) == 0 ? (byte)0x45 : (byte)0x60;
            }

            RunEverywhere(input, $"random input {i}");
        }
    }

    [Fact]
    public void MutatedValidInputs_20000Mutations_NeverThrowNorTouchOutsideTheSpan()
    {
        var random = new Random(3);
        var seeds = ValidSeeds(random);
        for (var i = 0; i < Inputs; i++)
        {
            var seed = seeds[random.Next(seeds.Count)];
            byte[] input;
            string how;
            switch (random.Next(3))
            {
                case 0 when seed.Length > 0:
                    input = seed.ToArray();
                    var bit = random.Next(input.Length * 8);
                    input[bit / 8] ^= (byte)(1 << (bit % 8));
                    how = $"bit {bit} flipped";
                    break;
                case 1 when seed.Length > 0:
                    input = seed.ToArray();
                    // Headers are where lengths live: aim most byte changes at the first 64 bytes.
                    var at = random.Next(random.Next(2) == 0 ? Math.Min(64, input.Length) : input.Length);
                    input[at] = (byte)random.Next(256);
                    how = $"byte {at} set to {input[at]:x2}";
                    break;
                default:
                    input = seed[..random.Next(seed.Length + 1)];
                    how = $"truncated to {input.Length} of {seed.Length}";
                    break;
            }

            RunEverywhere(input, $"mutation {i} ({how})");
        }
    }

    [Fact]
    public void SentinelBuffer_DetectsWritesInsideAndOutside()
    {
        // The guard itself must work, or the tests above prove nothing.
        var buffer = new SentinelBuffer([1, 2, 3]);
        Assert.True(buffer.IsIntact());
        buffer.Array[SentinelBuffer.Offset + 3] = 0;
        Assert.False(buffer.IsIntact());

        var inside = new SentinelBuffer([1, 2, 3]);
        inside.Span[1] = 9;
        Assert.False(inside.IsIntact());
        Assert.Equal(3, new SentinelBuffer([1, 2, 3]).Span.Length);
        Assert.Equal(MacAddress.Zero, MacAddress.Read(new byte[6]));
    }
}
