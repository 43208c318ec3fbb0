using System.CommandLine;
using System.Text.Json;
using Hnv.Cli.Lab;
using Hnv.Client;

namespace Hnv.Cli.Management;

/// <summary>
/// `hnv gateway nat list GATEWAY`: the translations now, from the gateway's own conntrack, through its local API socket on
/// this machine (the controller does not hold connection state: it would be stale the moment it was copied).
/// </summary>
internal static class GatewayNatCommand
{
    public static Command Build(ManagementOptions options)
    {
        var gateway = new Argument<string>("GATEWAY") { Description = "The gateway (its socket is /run/hnv/GATEWAY.gateway.sock unless --socket says otherwise)." };
        var socket = new Option<string?>("--socket") { Description = "The gateway's API socket (its configuration's apiSocket)." };
        var domain = new Option<string?>("--routing-domain") { Description = "Only this routing domain (RDID or name)." };
        var list = new Command("list", "List the gateway's translations now: each connection's CA and port inside, peer outside, and the address it leaves as.")
        {
            gateway, socket, domain,
        };
        list.SetAction(r =>
        {
            var path = r.GetValue(socket) ?? $"/run/hnv/{r.GetValue(gateway)}.gateway.sock";
            if (LocalApi.TryGet(path, "/v1/nat", out var problem) is not { } answer)
            {
                r.InvocationConfiguration.Error.WriteLine($"The gateway did not answer at {path}: {problem} (run this on the gateway's machine, as root or its group; --socket names another socket).");
                return ExitCodes.Unreachable;
            }

            var wanted = r.GetValue(domain);
            var domains = answer.EnumerateArray()
                .Where(d => wanted is null || d.GetProperty("rdid").GetString() == wanted || (d.TryGetProperty("name", out var n) && n.GetString() == wanted))
                .ToList();
            if (wanted is not null && domains.Count == 0)
            {
                r.InvocationConfiguration.Error.WriteLine($"The gateway serves no routing domain '{wanted}'.");
                return ExitCodes.NotFound;
            }

            using var selected = JsonDocument.Parse(JsonSerializer.Serialize(domains, ManagementJsonContext.Default.ListJsonElement));
            if (r.GetValue(options.Output) == ManagementOptions.Json)
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(selected.RootElement, ManagementJsonContext.Default.JsonElement));
            }
            else
            {
                LabTables.WriteNat(selected.RootElement, r.InvocationConfiguration.Output);
            }

            return ExitCodes.Ok;
        });
        var nat = new Command("nat", "The gateway's translations now (read on its machine).");
        nat.Subcommands.Add(list);
        return nat;
    }
}
