using System.Net.Sockets;
using Hnv.Linux.Filters;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tests.Sockets;
using Hnv.Linux.Tests.Support;

namespace Hnv.Linux.Tests.Links;

/// <summary>
/// The tc ingress drop on a real veth: GRE to the PA still reaches the AF_PACKET socket but no longer the
/// kernel's IP stack (its IPv4 receive counter stands still); everything else, a ping, is untouched; removing the
/// filter gives GRE back to the kernel.
/// </summary>
[Trait("tier", "system")]
public sealed class IngressFilterTests : IDisposable
{
    private const int Preference = 47;
    private static readonly byte[] Gre = [0x20, 0x00, 0x65, 0x58, 0x00, 0x13, 0x89, 0x00, 1, 2, 3, 4];

    private readonly SystemResources _resources = new();

    public void Dispose() => _resources.Dispose();

    [Fact]
    public void Install_DropGreTo_SocketGetsGreKernelDoesNotAndRemoveUndoesIt()
    {
        var pair = UnderlayPair.Create(_resources);
        var program = BpfProgram.DropGreTo(UnderlayPair.V4B, UnderlayPair.V6B);
        IngressFilter.Install("u0", Preference, program, pair.NamespaceB);
        IngressFilter.Install("u0", Preference, program, pair.NamespaceB); // again, as a restarted agent does: replaced, not doubled
        Assert.Equal(program.ToBytecode(), IngressFilter.Find("u0", Preference, pair.NamespaceB));

        using var port = NetworkNamespace.Run(pair.NamespaceB, () => PacketSocket.Open("u0",
            PacketSocketOptions.Default | PacketSocketOptions.NonBlocking, BpfProgram.GreToEthernet(UnderlayPair.V4B, UnderlayPair.V6B)));
        using var sender = NetworkNamespace.Run(pair.NamespaceA, () => GreSocket.Open(AddressFamily.InterNetwork, UnderlayPair.V4A));

        using (var ping = NamespacePing.Start(pair.NamespaceA, UnderlayPair.V4B.ToString(), waitSeconds: 5))
        {
            Assert.Equal(0, ping.WaitForExit(TimeSpan.FromSeconds(10)).ExitCode); // not GRE: the host still answers
        }

        var before = IpReceives(pair.NamespaceB);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(sender.Send(UnderlayPair.V4B.GetAddressBytes(), Gre).IsSuccess);
            var frame = FrameReader.ReadUntil(port.Handle, b => port.Receive(b), _ => true, TimeSpan.FromSeconds(5));
            Assert.NotNull(frame);
            Assert.Equal(Gre, frame[34..]);
        }

        Assert.Equal(before, IpReceives(pair.NamespaceB));

        IngressFilter.Remove("u0", Preference, pair.NamespaceB);
        Assert.Null(IngressFilter.Find("u0", Preference, pair.NamespaceB));
        Assert.True(sender.Send(UnderlayPair.V4B.GetAddressBytes(), Gre).IsSuccess);
        Assert.NotNull(FrameReader.ReadUntil(port.Handle, b => port.Receive(b), _ => true, TimeSpan.FromSeconds(5)));
        Assert.Equal(before + 1, IpReceives(pair.NamespaceB));
    }

    [Fact]
    public void Install_NoSuchInterface_ThrowsNamingTc()
    {
        var space = _resources.CreateNamespace("n");
        var error = Assert.Throws<LinuxException>(() => IngressFilter.Install("nope0", Preference, BpfProgram.RejectAll, space));
        Assert.Contains("tc", error.Message, StringComparison.Ordinal);
    }

    /// <summary>IPv4 packets the namespace's IP stack took in (Ip: InReceives).</summary>
    private static long IpReceives(string space)
    {
        var lines = NetworkNamespace.Run(space, () => File.ReadAllLines("/proc/thread-self/net/snmp")).Where(l => l.StartsWith("Ip:", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToArray();
        return long.Parse(lines[1][Array.IndexOf(lines[0], "InReceives")], System.Globalization.CultureInfo.InvariantCulture);
    }
}
