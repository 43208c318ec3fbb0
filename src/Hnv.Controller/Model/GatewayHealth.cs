namespace Hnv.Controller.Model;

/// <summary>Whether the controller counts <see cref="Gateway"/> alive; written by <see cref="Status.GatewayMonitor"/> only.</summary>
internal sealed record GatewayHealth(string Gateway, bool Alive);
