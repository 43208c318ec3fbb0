namespace Hnv.Dataplane.State;

/// <summary>
/// The one place a <see cref="DataplaneState"/> is published: writers swap a whole new state in, workers read
/// the current one once per batch. One reference, so no lock on the packet path and no torn reads.
/// </summary>
public sealed class StateHolder(DataplaneState initial)
{
    private DataplaneState _current = initial;

    /// <summary>The state in force.</summary>
    public DataplaneState Current => Volatile.Read(ref _current);

    /// <summary>Publishes <paramref name="state"/>; workers pick it up at their next batch.</summary>
    public void Publish(DataplaneState state) => Volatile.Write(ref _current, state);

    /// <summary>Publishes the result of <paramref name="change"/> applied to the current state, atomically
    /// against other writers.</summary>
    public DataplaneState Update(Func<DataplaneState, DataplaneState> change)
    {
        while (true)
        {
            var before = Current;
            var after = change(before);
            if (Interlocked.CompareExchange(ref _current, after, before) == before)
            {
                return after;
            }
        }
    }
}
