namespace Hnv.Forwarding.Tracing;

/// <summary>
/// The pipeline's stages, declared once and in order. Their names name trace lines and the
/// sections of docs/pipeline.md; add new ones in order (the one rename is in docs/decisions/0006-words.md).
/// </summary>
public enum Stage : byte
{
    // A frame from a VM port.
    PortIngress,
    SourceGuard,
    ArpProxy,
    NdProxy,
    RouterEcho,
    Route,
    HopLimit,
    PathMtu,
    LocalDelivery,
    Encapsulate,

    // A packet from the underlay.
    UnderlayIngress,
    ProviderAddressCheck,
    NvgreCheck,
    InnerFrameCheck,
    DestinationCheck,
    SourceCheck,
    Decapsulate,

    // A packet from a gateway's outside port (the route and what follows are the stages above).
    OutsideIngress,
}
