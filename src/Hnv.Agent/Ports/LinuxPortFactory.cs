using System.Net.NetworkInformation;
using Hnv.Agent.Configuration;
using Hnv.Dataplane.Linux.VmPorts;
using Hnv.Dataplane.Ports;
using Hnv.Linux.Links;
using Hnv.Linux.Sockets;
using Hnv.Linux.Tap;

namespace Hnv.Agent.Ports;

/// <summary>
/// Attaches a VM NIC, with virtio offloads either way (<see cref="OffloadVmPort{TDevice}"/>). An existing interface (a
/// QEMU tap, a container's veth host end) gets an AF_PACKET socket with a virtio header (<see cref="PacketSocketOffloads"/>).
/// Otherwise the NIC is a persistent TAP (<see cref="TapOffloads"/>): created here under the port's name, moved into the VM's network
/// namespace as its interface (eth0), given the NIC's MAC and brought up. The descriptor keeps working after
/// the move. Because the TAP is persistent, it outlives the agent: a restarted agent finds the interface in
/// the VM's namespace and reattaches to it by name from inside that namespace, and the VM notices nothing.
/// TCP super-frames a VM sends reach the pipeline whole where the underlay segments them itself
/// (<see cref="IUnderlayPort.TakesSuperFrames"/>), and are split here otherwise.
/// </summary>
public sealed class LinuxPortFactory(IUnderlayPort underlay) : IVmPortFactory
{
    // Offloads: the VM's kernel hands over 64 KiB of TCP per read and takes coalesced runs (docs/decisions/0005-dataplane-io.md).
    private const TapOptions Options = TapOptions.Persistent | TapOptions.NonBlocking | TapOptions.Offloads;

    /// <inheritdoc />
    public IVmPort Attach(PortSettings settings, int index)
    {
        if (settings.ExistingInterface is { } existingInterface)
        {
            var socket = PacketSocket.Open(existingInterface,
                PacketSocketOptions.Default | PacketSocketOptions.NonBlocking | PacketSocketOptions.VirtioHeader);
            return new OffloadVmPort<PacketSocketOffloads>(index, existingInterface, new PacketSocketOffloads(socket), underlay.TakesSuperFrames);
        }

        if (!NetworkNamespace.Exists(settings.Namespace))
        {
            throw new InvalidOperationException($"The network namespace {settings.Namespace} does not exist; create the VM's namespace first.");
        }

        if (Link.Exists(settings.InterfaceName, settings.Namespace))
        {
            // Left by an earlier run of this agent: reattach inside the VM's namespace, where the name lives.
            var existing = NetworkNamespace.Run(settings.Namespace, () => TapDevice.Create(settings.InterfaceName, Options));
            return new OffloadVmPort<TapOffloads>(index, existing.Name, new TapOffloads(existing), underlay.TakesSuperFrames);
        }

        var tap = TapDevice.Create(settings.Name, Options);
        try
        {
            var link = new Link(settings.Name).MoveToNamespace(settings.Namespace, settings.InterfaceName);
            link.SetMacAddress(PhysicalAddress.Parse(settings.Mac.ToString().Replace(':', '-')));
            link.SetUp();
            return new OffloadVmPort<TapOffloads>(index, tap.Name, new TapOffloads(tap), underlay.TakesSuperFrames);
        }
        catch
        {
            tap.SetPersistent(false);
            tap.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Remove(PortSettings settings)
    {
        // An existing interface is not ours to delete; a TAP we made is.
        if (settings.ExistingInterface is null && Link.Exists(settings.InterfaceName, settings.Namespace))
        {
            new Link(settings.InterfaceName, settings.Namespace).Delete();
        }
    }
}
