using Hnv.Forwarding.Node;
using Hnv.Policy.Documents;
using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Building;
using Hnv.Wire.Transport;
using Hnv.Wire.Tunnel;

namespace Hnv.Bench.Pipeline;

/// <summary>
/// The smallest network both paths need: one routing domain, virtual subnet 5001 (10.0.0.0/24), a local VM
/// on this host (PA 192.0.2.1, port 0) and a remote VM on the other host (PA 192.0.2.2). The underlay MTU is
/// 9000 so that 1500-byte frames are encapsulated rather than answered with "fragmentation needed".
/// </summary>
public sealed class TwoHostNetwork
{
    public static readonly Vsid Vsid = new(5001);

    public static readonly IpAddress LocalPa = IpAddress.Parse("192.0.2.1");

    public static readonly IpAddress RemotePa = IpAddress.Parse("192.0.2.2");

    public static readonly IpAddress LocalCa = IpAddress.Parse("10.0.0.10");

    public static readonly IpAddress RemoteCa = IpAddress.Parse("10.0.0.20");

    public static readonly MacAddress LocalMac = MacAddress.Parse("02:00:00:00:00:0a");

    public static readonly MacAddress RemoteMac = MacAddress.Parse("02:00:00:00:00:14");

    /// <summary>The index of the local VM's port.</summary>
    public const int LocalPort = 0;

    /// <summary>Builds the policy (through the validator, as an agent would get it) and this host's snapshot.</summary>
    public TwoHostNetwork()
    {
        var rdid = "4f6c1c1e-0d0a-4b8e-9a52-3c2f1d7e5a01";
        var document = new PolicyDocument
        {
            RoutingDomains = [new RoutingDomainDocument { Rdid = rdid, Name = "bench" }],
            VirtualSubnets = [new VirtualSubnetDocument { Vsid = Vsid.Value, Rdid = rdid, Name = "bench", Prefixes = ["10.0.0.0/24"] }],
            LookupRecords =
            [
                new LookupRecordDocument { Ca = LocalCa.ToString(), Vsid = Vsid.Value, Mac = LocalMac.ToString(), Pa = LocalPa.ToString() },
                new LookupRecordDocument { Ca = RemoteCa.ToString(), Vsid = Vsid.Value, Mac = RemoteMac.ToString(), Pa = RemotePa.ToString() },
            ],
            ProviderAddresses =
            [
                new ProviderAddressDocument { Host = "host-1", Pa = LocalPa.ToString(), PrefixLength = 24 },
                new ProviderAddressDocument { Host = "host-2", Pa = RemotePa.ToString(), PrefixLength = 24 },
            ],
        };

        var problems = PolicyValidator.Validate(document, out var set);
        if (problems.Count != 0)
        {
            throw new InvalidOperationException("The benchmark policy is invalid: " + string.Join("; ", problems));
        }

        var settings = new NodeSettings { ProviderAddressV4 = LocalPa, UnderlayMtu = 9000 };
        Host = new NodeSnapshot(PolicySnapshot.Build(set!, 1), settings, [new LocalPort(LocalPort, "tap0", LocalMac, Vsid, [LocalCa])]);
    }

    /// <summary>This host (192.0.2.1) with the policy in force.</summary>
    public NodeSnapshot Host { get; }

    /// <summary>
    /// A checksummed IPv4 frame of exactly <paramref name="size"/> bytes (Ethernet header included, no FCS)
    /// carrying UDP or TCP with a zero-filled payload.
    /// </summary>
    public static byte[] Frame(FrameProtocol protocol, int size, MacAddress srcMac, MacAddress dstMac, IpAddress src, IpAddress dst)
    {
        var frame = new byte[size];
        var headers = FrameBuilder.HeadersLength(v6: false) + (protocol == FrameProtocol.Udp ? UdpHeader.Length : TcpHeader.MinLength);
        var payload = new byte[size - headers];
        var written = protocol == FrameProtocol.Udp
            ? FrameBuilder.Udp(frame, srcMac, dstMac, src, dst, 40000, 5201, payload)
            : FrameBuilder.Tcp(frame, srcMac, dstMac, src, dst, 40000, 5201, 1, 0x18 /* PSH|ACK */, payload);
        if (written != size)
        {
            throw new InvalidOperationException($"Built a {written}-byte frame, wanted {size}.");
        }

        return frame;
    }
}
