using Hnv.Controller.Model;

namespace Hnv.Controller.Storage;

/// <summary>One revision of the change log: what it changed and when it was committed.</summary>
internal sealed record StoredRevision(long Revision, DateTimeOffset At, IReadOnlyList<ResourceChange> Changes);
