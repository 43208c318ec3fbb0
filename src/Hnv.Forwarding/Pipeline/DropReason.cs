namespace Hnv.Forwarding.Pipeline;

/// <summary>
/// Every reason the pipeline drops a packet, each described in <see cref="DropReasonDescriptions"/>.
/// The names are stable: they name counters, trace lines and the `error` field of `hnv decode`, so add new ones at
/// the end (the one rename is in docs/decisions/0006-words.md).
/// </summary>
public enum DropReason : byte
{
    /// <summary>Not dropped.</summary>
    None = 0,

    // From a VM port.
    FrameTruncated,
    VlanTagged,
    UnknownPort,
    SourceMacSpoofed,
    SourceIpSpoofed,
    NonIp,
    MalformedIp,
    IpFragmentUnsupported,
    ArpMalformed,
    ArpNotRequest,
    ArpSpoofed,
    ArpUnknownTarget,
    ArpOwnAddress,
    NdMalformed,
    NdUnknownTarget,
    NdDuplicateAddressDetection,
    NdUnsupportedMessage,
    MulticastDestination,
    LinkLocalDestination,
    NoRoute,
    NoLookupRecord,
    TtlExceeded,
    PacketTooBig,
    NoProviderAddressForFamily,
    TranslateUnsupported,
    IcmpErrorAboutIcmpError,
    NoRouterAddress,
    UnknownVsid,
    RouterUnsupportedProtocol,
    LocalPortMissing,
    NoHeadroom,

    // From the underlay.
    OuterMalformed,
    OuterNotGre,
    OuterFragment,
    OuterNotForThisHost,
    UnknownProviderAddress,
    NvgreTruncated,
    NvgreKeyMissing,
    NvgreChecksumPresent,
    NvgreSequencePresent,
    NvgreReservedBitsSet,
    NvgreWrongProtocol,
    NvgreReservedVsid,
    InnerFrameTruncated,
    InnerVlanTagged,
    InnerNonIp,
    InnerMalformedIp,
    UnknownDestination,
    DestinationVsidMismatch,
    DestinationMacMismatch,
    DestinationNotLocal,
    SourcePaMismatch,
    UnknownSource,
    OuterChecksumInvalid,

    // From a VM port, added later (the names above keep their values).
    LocalPortVsidMismatch,

    // From a gateway's outside port.
    OutsideDomainUnknown,
    OutsideSourceInside,

    // Dropped by a worker, not the pipeline: a live-trace probe no one on this host waits for (it never reaches a guest).
    ProbeUnclaimed,
}
