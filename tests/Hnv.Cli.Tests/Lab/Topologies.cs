using Hnv.Lab.Topology;

namespace Hnv.Cli.Tests.Lab;

/// <summary>Topology texts for the lab tests, and the repository's examples folder.</summary>
internal static class Topologies
{
    /// <summary>One tenant, two hosts, two VMs: the valid base every error case changes one thing of.</summary>
    public static string Minimal(string name = "t", string family = "ipv4") => $$"""
        name: {{name}}
        underlay: { mtu: 1500, family: {{family}} }
        hosts: [host1, host2]
        routingDomains:
          - name: blue
            subnets:
              - { vsid: 5001, prefixes: [10.0.0.0/24, fd00:b::/64] }
        vms:
          - { name: vm1, host: host1, subnet: 5001, addresses: [10.0.0.10, fd00:b::10] }
          - { name: vm2, host: host2, subnet: 5001 }
        """;

    /// <summary>Reads and resolves YAML text.</summary>
    public static LabTopology Resolve(string yaml) => TopologyResolver.Resolve(TopologyReader.Read(yaml, "test.yaml"));

    /// <summary>The examples folder of the repository, found upwards from the test's output folder.</summary>
    public static string ExamplesFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var examples = Path.Combine(folder.FullName, "examples");
            if (File.Exists(Path.Combine(examples, "demo.yaml")))
            {
                return examples;
            }
        }

        throw new InvalidOperationException("examples/demo.yaml not found above " + AppContext.BaseDirectory);
    }
}
