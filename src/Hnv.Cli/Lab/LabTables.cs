using System.Globalization;
using Hnv.Cli.Output;
using Hnv.Lab.State;
using Hnv.Lab.Status;

namespace Hnv.Cli.Lab;

/// <summary>The tables `up`, `status` and `ls` print by default.</summary>
internal static class LabTables
{
    /// <summary>Hosts, then VMs, then gateways (if any) of a lab's status.</summary>
    public static void WriteStatus(LabStatusReport report, TextWriter output)
    {
        output.WriteLine($"Lab {report.Name}: underlay {report.Family.ToString().ToLowerInvariant()}, MTU {report.Mtu.ToString(CultureInfo.InvariantCulture)}");
        if (report.Controller is { } controller)
        {
            var pid = report.ControllerPid?.ToString(CultureInfo.InvariantCulture) ?? "-";
            output.WriteLine($"Controller {controller} (pid {pid}, {(report.ControllerAlive ? "running" : "not running")})");
            if (report.Page is { } page)
            {
                output.WriteLine($"Page       {page} (with the operator token: hnv lab page {report.Name})");
            }
        }

        output.WriteLine();
        var hosts = new TextTable("HOST", "NAMESPACE", "PAS", "AGENT PID", "AGENT", "CONTROLLER", "REVISION", "LOG");
        foreach (var h in report.Hosts)
        {
            hosts.Add(
                h.Name,
                h.Namespace + (h.NamespaceExists ? string.Empty : " (missing)"),
                string.Join(", ", h.ProviderAddresses),
                h.AgentPid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                h.AgentAlive ? "running" : "not running",
                h.Connected switch { true => "connected", false => "not connected", null => "-" },
                h.Revision?.ToString(CultureInfo.InvariantCulture) ?? "-",
                h.AgentLog ?? "-");
        }

        hosts.Write(output);
        output.WriteLine();
        var vms = new TextTable("VM", "HOST", "NAMESPACE", "VSID", "ADDRESSES", "MAC", "NIC");
        foreach (var v in report.Vms)
        {
            vms.Add(
                v.Name,
                v.Host,
                v.Namespace + (v.NamespaceExists ? string.Empty : " (missing)"),
                v.Vsid.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", v.Addresses),
                v.Mac,
                v.Nic);
        }

        vms.Write(output);
        if (report.Gateways.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var gateways = new TextTable("GATEWAY", "NAMESPACE", "PAS", "EXTERNAL", "DOMAINS", "PID", "GATEWAY", "CONTROLLER", "REVISION", "LOG");
        foreach (var g in report.Gateways)
        {
            gateways.Add(
                g.Name,
                g.Namespace,
                string.Join(", ", g.ProviderAddresses),
                g.ExternalAddress,
                g.Domains.Count <= 4 ? string.Join(", ", g.Domains) : $"{string.Join(", ", g.Domains.Take(3))} and {g.Domains.Count - 3} more",
                g.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.Alive ? "running" : "not running",
                g.Connected switch { true => "connected", false => "not connected", null => "-" },
                g.Revision?.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.Log ?? "-");
        }

        gateways.Write(output);
    }

    /// <summary>One row per connection of a gateway's domains: who inside talks to whom outside, and as which transit address.</summary>
    public static void WriteNat(System.Text.Json.JsonElement domains, TextWriter output)
    {
        var table = new TextTable("DOMAIN", "MODE", "PROTO", "STATE", "INSIDE", "OUTSIDE", "LEAVES AS");
        foreach (var domain in domains.EnumerateArray())
        {
            var name = domain.GetProperty("name").GetString() ?? domain.GetProperty("rdid").GetString() ?? "-";
            foreach (var connection in domain.GetProperty("connections").EnumerateArray())
            {
                var original = connection.GetProperty("original");
                var reply = connection.GetProperty("reply");
                table.Add(
                    name,
                    domain.GetProperty("mode").GetString() ?? "-",
                    connection.GetProperty("protocol").GetString() ?? "-",
                    connection.GetProperty("state").GetString() ?? "-",
                    Endpoint(original, "source", "sourcePort"),
                    Endpoint(original, "destination", "destinationPort"),
                    Endpoint(reply, "destination", "destinationPort"));
            }
        }

        table.Write(output);
    }

    private static string Endpoint(System.Text.Json.JsonElement tuple, string address, string port) =>
        tuple.GetProperty(port).ValueKind == System.Text.Json.JsonValueKind.Number
            ? $"{tuple.GetProperty(address).GetString()}:{tuple.GetProperty(port).GetInt32().ToString(CultureInfo.InvariantCulture)}"
            : tuple.GetProperty(address).GetString() ?? "-";

    /// <summary>One row per lab.</summary>
    public static void WriteList(List<LabListEntry> labs, TextWriter output)
    {
        if (labs.Count == 0)
        {
            output.WriteLine($"No labs are up (state folders live in {LabPaths.CurrentRoot}).");
            return;
        }

        var table = new TextTable("LAB", "STATE", "HOSTS", "VMS", "AGENTS RUNNING", "NAMESPACES");
        foreach (var lab in labs)
        {
            table.Add(
                lab.Name,
                lab.State,
                lab.Hosts.ToString(CultureInfo.InvariantCulture),
                lab.Vms.ToString(CultureInfo.InvariantCulture),
                lab.AgentsAlive.ToString(CultureInfo.InvariantCulture),
                lab.Namespaces.ToString(CultureInfo.InvariantCulture));
        }

        table.Write(output);
    }
}
