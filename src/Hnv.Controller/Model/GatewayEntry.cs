namespace Hnv.Controller.Model;

/// <summary>
/// A gateway the controller knows: the name of its node (a <see cref="HostEntry"/> of the same name, which holds its PAs
/// and credential), its priority among the gateways of a domain (higher wins), and a free description.
/// </summary>
internal sealed record GatewayEntry(string Name, int Priority, string? Description);
