using System.Diagnostics;
using System.Globalization;
using Hnv.Client;
using Hnv.Client.Resources;

namespace Hnv.ControlPlane.Bench;

/// <summary>
/// `--history-updates N`: N writes that each change one host's description, one after another, printing the store's
/// size on disk and the controller's memory at every tenth, so it shows whether either grows with
/// history (the change log keeps a window; the in-memory history keeps --history states).
/// </summary>
internal static class HistoryRun
{
    public static async Task RunAsync(HnvClient client, ControllerProcess controller, int updates)
    {
        var inv = CultureInfo.InvariantCulture;
        await client.CreateHostAsync(new HostDocument { Name = "h0" });
        var step = Math.Max(1, updates / 10);
        var clock = Stopwatch.StartNew();
        Console.WriteLine("updates   store MiB   controller MiB   writes/s");
        for (var i = 1; i <= updates; i++)
        {
            await client.UpdateHostAsync("h0", new HostDocument { Name = "h0", Description = string.Create(inv, $"update {i}") });
            if (i % step == 0)
            {
                GC.Collect();
                Console.WriteLine(string.Create(inv,
                    $"{i,7}   {controller.StoreBytes() / 1048576.0,9:F2}   {controller.WorkingSet() / 1048576.0,14:F0}   {step / clock.Elapsed.TotalSeconds,8:F0}"));
                clock.Restart();
            }
        }
    }
}
