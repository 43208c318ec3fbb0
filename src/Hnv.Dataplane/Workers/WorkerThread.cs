using System.Runtime.InteropServices;
using Hnv.Dataplane.State;

namespace Hnv.Dataplane.Workers;

/// <summary>
/// Runs a <see cref="Worker"/> on a dedicated thread (never the thread pool: a blocked pool thread would stall
/// other work, and the packet path wants its own core): pump while there are packets, wait on the ports'
/// descriptors when there are none. A failure ends the thread and is reported once through <paramref name="onFailure"/>.
/// </summary>
public sealed class WorkerThread(Worker worker, StateHolder holder, IPacketWaiter waiter, Func<DataplaneState, IReadOnlyList<SafeHandle>> handlesOf,
    Action<Exception> onFailure) : IDisposable
{
    /// <summary>The longest an idle worker sleeps before looking at its state again.</summary>
    public static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(100);

    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>Starts the thread.</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "hnv-worker" };
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
        try
        {
            while (!_stopping)
            {
                var state = holder.Current;
                if (!ReferenceEquals(state, watched))
                {
                    waiter.Watch(handlesOf(state));
                    watched = state;
                }

                if (worker.Pump() == 0)
                {
                    waiter.Wait(IdleWait);
                }
            }
        }
        catch (Exception e) when (!_stopping)
        {
            onFailure(e);
        }
    }
}
