using System.Diagnostics;
using Hnv.Linux.Polling;

namespace Hnv.Linux.Tests.Support;

/// <summary>Waits (with a Poller) until a nonblocking descriptor yields a frame the predicate accepts.</summary>
internal static class FrameReader
{
    public delegate IoResult Reader(Span<byte> buffer);

    public delegate bool Predicate(ReadOnlySpan<byte> frame);

    /// <summary>The first accepted frame, or null after <paramref name="timeout"/>; other frames are skipped.</summary>
    public static byte[]? ReadUntil(System.Runtime.InteropServices.SafeHandle handle, Reader read, Predicate accept, TimeSpan timeout)
    {
        using var poller = new Poller();
        poller.Add(handle, 1);
        var ready = new PollEvent[4];
        var buffer = new byte[65536];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var result = read(buffer);
            if (result.IsSuccess)
            {
                if (accept(buffer.AsSpan(0, result.Count)))
                {
                    return buffer.AsSpan(0, result.Count).ToArray();
                }

                continue;
            }

            Assert.Equal(IoError.WouldBlock, result.Error);
            poller.Wait(ready, TimeSpan.FromMilliseconds(100));
        }

        return null;
    }
}
