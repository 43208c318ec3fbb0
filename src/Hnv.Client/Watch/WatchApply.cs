using Hnv.Policy.Snapshots;
using Hnv.Policy.Validation;

namespace Hnv.Client.Watch;

/// <summary>
/// What a watcher does with one event of its stream, the one way the agent, the tests and the benchmark apply them:
/// a snapshot replaces the policy held (validated whole), a change newer than it is applied as one
/// <see cref="WatchEventDelta"/>, and a heartbeat or an older change leaves it as it is.
/// </summary>
public static class WatchApply
{
    /// <summary>The policy after <paramref name="watchEvent"/>; the same instance when the event changes nothing.</summary>
    /// <exception cref="PolicyValidationException">A snapshot or a change does not read, or the result breaks the model's rules.</exception>
    public static PolicySnapshot Apply(PolicySnapshot current, WatchEvent watchEvent)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(watchEvent);
        switch (watchEvent.Kind)
        {
            case WatchEventKinds.Snapshot:
                var problems = PolicyValidator.Validate(watchEvent.Policy ?? new(), out var set);
                return problems.Count == 0 ? PolicySnapshot.Build(set!, watchEvent.Revision) : throw new PolicyValidationException(problems);
            case WatchEventKinds.Change when watchEvent.Revision > current.Revision:
                return current.Apply(WatchEventDelta.From(watchEvent));
            default:
                return current;
        }
    }
}
