namespace Hnv.Controller.Access;

/// <summary>Endpoint metadata: the <see cref="AccessLevel"/> an endpoint asks of its caller.</summary>
internal sealed record RequiredAccess(AccessLevel Level);
