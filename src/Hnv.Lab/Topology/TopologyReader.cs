using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Hnv.Lab.Topology;

/// <summary>Reads a topology YAML file into a <see cref="TopologyDocument"/>; unknown keys are errors.</summary>
public static class TopologyReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static TopologyDocument ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LabException($"Cannot read the topology file {path}: {e.Message}", e);
        }

        return Read(text, path);
    }

    /// <summary>Reads YAML text; <paramref name="source"/> names it in errors.</summary>
    public static TopologyDocument Read(string yaml, string source)
    {
        try
        {
            return Deserializer.Deserialize<TopologyDocument?>(yaml)
                ?? throw new LabException($"The topology file {source} is empty; expected name, hosts, routingDomains and vms (see docs/lab.md).");
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            throw new LabException(
                $"The topology file {source} is not valid at line {e.Start.Line}, column {e.Start.Column}: {message} (see docs/lab.md for the fields).",
                e);
        }
    }
}
