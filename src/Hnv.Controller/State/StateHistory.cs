namespace Hnv.Controller.State;

/// <summary>
/// The last few states by revision, so a watcher resuming from a recent revision gets a diff instead of a
/// snapshot. States share every untouched routing domain, so keeping some is cheap; older ones are let go.
/// </summary>
internal sealed class StateHistory(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<ControllerState> _states = new();
    private readonly Dictionary<long, ControllerState> _byRevision = [];

    public void Add(ControllerState state)
    {
        lock (_lock)
        {
            if (!_byRevision.TryAdd(state.Revision, state))
            {
                return;
            }

            _states.Enqueue(state);
            while (_states.Count > capacity)
            {
                _byRevision.Remove(_states.Dequeue().Revision);
            }
        }
    }

    /// <summary>Drops every state (after a reload, old states may not be the store's).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _states.Clear();
            _byRevision.Clear();
        }
    }

    public ControllerState? Find(long revision)
    {
        lock (_lock)
        {
            return _byRevision.GetValueOrDefault(revision);
        }
    }

    /// <summary>The kept states after <paramref name="revision"/> up to <paramref name="until"/>, oldest first.</summary>
    public List<ControllerState> Between(long revision, long until)
    {
        lock (_lock)
        {
            return [.. _states.Where(s => s.Revision > revision && s.Revision <= until)];
        }
    }
}
