using System.Globalization;
using Hnv.Controller.Model;
using Hnv.Policy.Validation;

namespace Hnv.Controller.Api;

/// <summary>
/// Names the rule problems of a write by the request body's fields. The model's rules name items by key
/// ("lookupRecords[vsid=5001,ca=10.0.0.5].pa"); the written item's own fields lose that prefix ("pa"), a NIC's
/// derived records map to the NIC's fields (ca -> addresses[i], pa -> host), and a field of another item keeps its key path.
/// </summary>
internal static class ProblemFields
{
    public static IEnumerable<PolicyProblem> Relative(IEnumerable<PolicyProblem> problems, string itemPath) =>
        problems.Select(p => p.Field.StartsWith(itemPath + ".", StringComparison.Ordinal) ? p with { Field = p.Field[(itemPath.Length + 1)..] } : p);

    public static IEnumerable<PolicyProblem> OfNic(IEnumerable<PolicyProblem> problems, NetworkInterface nic) => problems.Select(p =>
    {
        for (var i = 0; i < nic.Addresses.Length; i++)
        {
            var prefix = $"lookupRecords[vsid={nic.Vsid},ca={nic.Addresses[i]}].";
            if (p.Field.StartsWith(prefix, StringComparison.Ordinal))
            {
                var field = p.Field[prefix.Length..] switch
                {
                    "ca" => string.Create(CultureInfo.InvariantCulture, $"addresses[{i}]"),
                    "pa" => "host",
                    var other => other,
                };
                return p with { Field = field };
            }
        }

        return p;
    });

    public static string Domain(Policy.Model.Rdid rdid) => $"routingDomains[rdid={rdid}]";

    public static string Subnet(Wire.Tunnel.Vsid vsid) => $"virtualSubnets[vsid={vsid}]";

    public static string Record(Policy.Model.LookupRecordKey key) => $"lookupRecords[vsid={key.Vsid},ca={key.Ca}]";

    public static string CustomerRoute(Policy.Model.CustomerRouteKey key) => $"customerRoutes[rdid={key.Rdid},vsid={key.Vsid},destination={key.Destination}]";

    public static string ProviderAddress(Policy.Model.ProviderAddress address) => $"providerAddresses[host={address.Host},pa={address.Pa}]";

    public static string ProviderRoute(Policy.Model.ProviderRouteKey key) => $"providerRoutes[host={key.Host},destination={key.Destination}]";
}
