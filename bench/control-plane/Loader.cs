using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hnv.ControlPlane.Bench;

/// <summary>
/// Loads the policy through the API's batch endpoint: hosts with one PA each, then routing domains with one /16
/// subnet each, then one NIC (one CA, so one derived lookup record) per record, two batches in flight at a time.
/// </summary>
internal sealed class Loader(HttpClient http, BenchOptions options)
{
    public const string Batch = "/api/v1/batch";

    public static string Rdid(int domain) => $"00000000-0000-0000-0000-{domain + 1:x12}";

    public static long Vsid(int domain) => 5000 + domain;

    public static string HostName(int host) => $"host{host}";

    /// <summary>The hosts domain <paramref name="domain"/>'s NICs are spread over.</summary>
    public int HostOf(int domain, int nic) => (domain + (nic % options.Spread * (options.Hosts / options.Spread))) % options.Hosts;

    /// <summary>Loads everything; returns the seconds spent loading the records (NIC batches).</summary>
    public async Task<double> LoadAsync()
    {
        var hosts = new JsonArray();
        var pas = new JsonArray();
        for (var h = 0; h < options.Hosts; h++)
        {
            hosts.Add(new JsonObject { ["name"] = HostName(h) });
            pas.Add(new JsonObject { ["host"] = HostName(h), ["pa"] = $"198.18.{h / 250}.{(h % 250) + 1}", ["prefixLength"] = 15 });
        }

        await PostAsync(new JsonObject { ["hosts"] = hosts, ["providerAddresses"] = pas });
        for (var start = 0; start < options.Domains; start += 1_000)
        {
            var domains = new JsonArray();
            var subnets = new JsonArray();
            for (var d = start; d < Math.Min(options.Domains, start + 1_000); d++)
            {
                domains.Add(new JsonObject { ["rdid"] = Rdid(d), ["name"] = $"tenant{d}" });
                subnets.Add(new JsonObject { ["vsid"] = Vsid(d), ["rdid"] = Rdid(d), ["prefixes"] = new JsonArray("10.0.0.0/16") });
            }

            await PostAsync(new JsonObject { ["routingDomains"] = domains, ["virtualSubnets"] = subnets });
        }

        var perDomain = options.Records / options.Domains;
        var clock = Stopwatch.StartNew();
        var batches = Enumerable.Range(0, (options.Records + options.BatchSize - 1) / options.BatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (b, _) =>
        {
            var nics = new JsonArray();
            for (var i = b * options.BatchSize; i < Math.Min(options.Records, (b + 1) * options.BatchSize); i++)
            {
                var domain = i / perDomain % options.Domains;
                var nic = i % perDomain;
                nics.Add(Nic($"nic{i}", domain, nic, i));
            }

            await PostAsync(new JsonObject { ["networkInterfaces"] = nics });
        });
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>A NIC of <paramref name="domain"/> with CA 10.0.x.y (its <paramref name="nic"/>th) and a MAC made from <paramref name="serial"/>.</summary>
    public JsonObject Nic(string name, int domain, int nic, long serial) => new()
    {
        ["name"] = name,
        ["host"] = HostName(HostOf(domain, nic)),
        ["vsid"] = Vsid(domain),
        ["mac"] = string.Create(CultureInfo.InvariantCulture, $"02:{(serial >> 32) & 0xff:x2}:{(serial >> 24) & 0xff:x2}:{(serial >> 16) & 0xff:x2}:{(serial >> 8) & 0xff:x2}:{serial & 0xff:x2}"),
        ["addresses"] = new JsonArray($"10.0.{(nic / 250) + 1}.{(nic % 250) + 2}"),
    };

    private async Task PostAsync(JsonObject batch)
    {
        using var response = await http.PostAsJsonAsync(Batch, batch, BenchJson.Default.JsonObject);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The batch was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
