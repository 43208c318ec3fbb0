using System.Data.Common;
using Hnv.Controller.Logging;
using Hnv.Controller.Model;
using Hnv.Controller.Storage;
using Microsoft.Extensions.Logging;

namespace Hnv.Controller.State;

/// <summary>
/// The controller's state machine. Every replica keeps the whole state in memory (immutable, swapped in one
/// reference write) and advances it only from the change log, in revision order. A write: take the store's
/// writers' lock, catch up with what other replicas committed, validate by applying the change to the latest
/// state, write the items and the change-log rows, commit, then publish. A failed commit publishes nothing and
/// the transaction rolls back, so memory and store stay as they were. A write that changes nothing is no revision.
/// The change log keeps the last <paramref name="changeLog"/> revisions; a replica further behind reloads the state.
/// </summary>
internal sealed partial class PolicyEngine(
    ControllerStore store, TimeProvider time, ILogger<PolicyEngine> logger, int historyCapacity = 256, int changeLog = 10_000) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StateHistory _history = new(historyCapacity);
    private volatile ControllerState _current = ControllerState.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The latest state this replica knows.</summary>
    public ControllerState Current => _current;

    public ControllerStore Store => store;

    /// <summary>The kept recent states (for resuming watchers and host lag).</summary>
    public StateHistory History => _history;

    /// <summary>Migrates the store and loads the state; returns how many migrations ran.</summary>
    public async Task<int> StartAsync(CancellationToken ct)
    {
        var migrations = await store.MigrateAsync(ct).ConfigureAwait(false);
        await ReloadAsync(ct).ConfigureAwait(false);
        store.ChangedElsewhere += () => _ = CatchUpInBackgroundAsync();
        await store.StartListeningAsync(ct).ConfigureAwait(false);
        return migrations;
    }

    /// <summary>Completes when the state moves past <paramref name="revision"/> (at once if it has).</summary>
    public Task WaitForChangeAsync(long revision, CancellationToken ct)
    {
        var changed = Volatile.Read(ref _changed);
        return _current.Revision > revision ? Task.CompletedTask : changed.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Runs one write: <paramref name="plan"/> turns the latest state into changes (or throws
    /// <see cref="WriteRejectedException"/>); they are validated, stored as the next revision and published.
    /// </summary>
    /// <exception cref="WriteRejectedException">The write was refused; nothing changed.</exception>
    /// <exception cref="StoreFailedException">The store failed; nothing changed.</exception>
    public async Task<ControllerState> WriteAsync(Func<ControllerState, IReadOnlyList<ResourceChange>> plan, string caller, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            StoreWrite write;
            try
            {
                write = await store.BeginWriteAsync(ct).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                throw Failed(e);
            }

            await using (write.ConfigureAwait(false))
            {
                IReadOnlyList<ResourceChange> changes;
                try
                {
                    await CatchUpAsync(write, ct).ConfigureAwait(false);
                    changes = await WhatChangesAsync(write, plan(_current), ct).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    throw Failed(e);
                }

                var state = _current;
                if (changes.Count == 0)
                {
                    return state; // a PUT of what is already there: no revision, nothing for watchers
                }

                var now = time.GetUtcNow();
                var next = StateTransition.Apply(state, changes, state.Revision + 1, now);
                try
                {
                    await write.WriteAsync(next.Revision, now, changes, ct).ConfigureAwait(false);
                    await write.CompactAsync(next.Revision, changeLog, ct).ConfigureAwait(false);
                    await write.CommitAsync(ct).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    throw Failed(e);
                }

                Publish(next);
                ControllerLog.Written(logger, next.Revision, changes.Count, caller, next.Affected.Count);
                return next;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads and applies what other replicas committed since this replica's revision.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var revisions = await store.ReadChangesAsync(_current.Revision, ct).ConfigureAwait(false);
            if (!Apply(revisions) || (revisions.Count == 0 && (await store.LatestAsync(ct).ConfigureAwait(false)).Revision > _current.Revision))
            {
                await ReloadAsync(ct).ConfigureAwait(false); // what it missed is no longer in the change log, or did not apply
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Catches up inside a write (the caller holds the gate and the store's writers' lock).</summary>
    private async Task CatchUpAsync(StoreWrite write, CancellationToken ct)
    {
        var revisions = await write.ReadChangesAsync(_current.Revision, ct).ConfigureAwait(false);
        if (!Apply(revisions) || (await write.LatestAsync(ct).ConfigureAwait(false)).Revision > _current.Revision)
        {
            Reload(await write.LoadAsync(ct).ConfigureAwait(false));
        }
    }

    /// <summary>The changes that are not already what the store holds (all of them when one key comes twice: then order matters).</summary>
    private static async Task<IReadOnlyList<ResourceChange>> WhatChangesAsync(StoreWrite write, IReadOnlyList<ResourceChange> planned, CancellationToken ct)
    {
        if (planned.Select(c => (c.Kind, c.Key)).Distinct().Count() != planned.Count)
        {
            return planned;
        }

        var changes = new List<ResourceChange>(planned.Count);
        foreach (var change in planned)
        {
            if (!await write.HoldsAsync(change, ct).ConfigureAwait(false))
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private async Task CatchUpInBackgroundAsync()
    {
        try
        {
            await CatchUpAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            ControllerLog.CatchUpFailed(logger, e.Message);
        }
    }

    /// <summary>
    /// Applies committed revisions in order (the caller holds the gate); false when one did not apply, which means this
    /// replica's memory is not the store's and the caller reloads.
    /// </summary>
    private bool Apply(IReadOnlyList<StoredRevision> revisions)
    {
        foreach (var revision in revisions)
        {
            if (revision.Revision != _current.Revision + 1)
            {
                continue;
            }

            ControllerState next;
            try
            {
                next = StateTransition.Apply(_current, revision.Changes, revision.Revision, revision.At);
            }
            catch (WriteRejectedException e)
            {
                ControllerLog.ChangeNotApplicable(logger, revision.Revision, string.Join("; ", e.Problems.Select(p => p.ToString()).DefaultIfEmpty(e.Message)));
                return false;
            }

            Publish(next);
            ControllerLog.CaughtUp(logger, next.Revision, revision.Changes.Count);
        }

        return true;
    }

    private async Task ReloadAsync(CancellationToken ct) => Reload(await store.LoadAsync(ct).ConfigureAwait(false));

    private void Reload(StoredRevision stored)
    {
        var state = stored.Revision == 0
            ? ControllerState.Empty
            : StateTransition.Apply(ControllerState.Empty, stored.Changes, stored.Revision, stored.At);
        // What changed before the load is not known: every host's view counts as changed at the loaded revision, so a
        // watcher resuming from an older revision gets a snapshot rather than a false "nothing changed".
        state = state with
        {
            HostChanged = state.Hosts.Keys.Aggregate(state.HostChanged, (changed, host) => changed.SetItem(host, stored.Revision)),
        };
        _history.Clear();
        Publish(state);
    }

    private void Publish(ControllerState next)
    {
        _current = next;
        _history.Add(next);
        var previous = Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    public void Dispose() => _gate.Dispose();

    private StoreFailedException Failed(DbException e)
    {
        ControllerLog.StoreFailed(logger, e.Message);
        return new StoreFailedException($"The store ({store.Kind}) refused the write, so nothing was changed: {e.Message}", e);
    }
}
