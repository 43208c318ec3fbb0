using Hnv.Dataplane.State;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// Runs a <see cref="Worker"/> on a dedicated thread (never the thread pool: a blocked pool thread would stall
/// other work, and the packet path wants its own core): pump while there are packets, wait on the ports'
/// descriptors when there are none, and read only the sources the wait reported readable. A failure ends the
/// thread and is reported once through <paramref name="onFailure"/>. <paramref name="onStart"/> runs first on the
/// new thread (the agent pins it to a CPU there); a failure there is reported the same way.
/// </summary>
public sealed class WorkerThread(Worker worker, StateHolder holder, IPacketWaiter waiter, Func<DataplaneState, DataplaneHandles> handlesOf,
    Action<Exception> onFailure, Action? onStart = null) : IDisposable
{
    /// <summary>The longest an idle worker sleeps before looking at its state again.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(100);

    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>Starts the thread.</summary>
    public void Start()
    {
        // Named for what it reads, so top -H and perf tell the directions apart (a Linux thread name has 15 characters).
        var name = worker.Sources switch
        {
            WorkerSources.VmPorts => "hnv-worker-vms",
            WorkerSources.Underlay => "hnv-worker-ulay",
            _ => "hnv-worker",
        };
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Tells the worker its ports changed, so it watches the new descriptors.</summary>
    public void Nudge() => waiter.Wake();

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        waiter.Wake();
        _thread?.Join();
        waiter.Dispose();
    }

    private void Run()
    {
        DataplaneState? watched = null;
        int[] sources = [];
        var ready = new int[64];
        var readySources = new int[64];
        var busy = false;
        try
        {
            onStart?.Invoke();
            while (!_stopping)
            {
                var state = holder.Current;
                if (!ReferenceEquals(state, watched))
                {
                    var handles = handlesOf(state);
                    waiter.Watch(handles.Handles);
                    sources = handles.Sources;
                    watched = state;
                }

                // After a busy round only look (epoll_wait with timeout 0); sleep when the last round found nothing.
                var count = waiter.Wait(busy ? TimeSpan.Zero : IdleWait, ready);
                if (count < 0)
                {
                    busy = worker.Pump() > 0;
                    continue;
                }

                var n = 0;
                for (var i = 0; i < count; i++)
                {
                    if ((uint)ready[i] < (uint)sources.Length)
                    {
                        readySources[n++] = sources[ready[i]];
                    }
                }

                // Pumped even with nothing ready: a round that starts is how a detach knows the old state is let go.
                busy = worker.Pump(readySources.AsSpan(0, n)) > 0;
            }
        }
        catch (Exception e) when (!_stopping)
        {
            onFailure(e);
        }
    }
}
