namespace Hnv.Linux.Threads;

/// <summary>
/// Pins the calling thread to one CPU (sched_setaffinity on the thread, not the process), as packet workers are
/// pinned on hosts that set cores aside for the dataplane: the thread's caches and its socket's softirq work stay
/// on that core, and the scheduler never moves it onto a core the VMs are using.
/// </summary>
public static class CpuAffinity
{
    /// <summary>The highest CPU number a cpu_set_t holds (CPU_SETSIZE - 1).</summary>
    public const int MaxCpu = 1023;

    /// <summary>Pins the calling thread to <paramref name="cpu"/>; throws when that CPU is not one this process may use.</summary>
    public static unsafe void PinCurrentThread(int cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cpu, MaxCpu);
        var mask = stackalloc ulong[(MaxCpu + 1) / 64];
        new Span<ulong>(mask, (MaxCpu + 1) / 64).Clear();
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (Interop.SchedSetAffinity(0, (nuint)((MaxCpu + 1) / 8), mask) < 0)
        {
            throw LinuxException.FromLastError($"sched_setaffinity (CPU {cpu})");
        }
    }
}
