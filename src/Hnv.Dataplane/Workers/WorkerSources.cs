namespace Hnv.Dataplane.Workers;

/// <summary>
/// What a worker reads. One worker may read everything (tests, a host with one CPU); the agent normally runs two,
/// one per direction, so that reading what the VMs send and splitting it into the underlay's sendmmsg never waits
/// for the underlay's receives and the VM writes they lead to, and each direction has a CPU.
/// </summary>
[Flags]
public enum WorkerSources
{
    /// <summary>The VM ports: frames the VMs send (toward the underlay, or to a VM of this host).</summary>
    VmPorts = 1,

    /// <summary>The underlay: NVGRE from other hosts (toward this host's VMs).</summary>
    Underlay = 2,

    /// <summary>Both.</summary>
    All = VmPorts | Underlay,
}
