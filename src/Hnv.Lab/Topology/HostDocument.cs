using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Hnv.Lab.Topology;

/// <summary>
/// A host as written: either just its name (<c>host1</c>) or <c>{ name: host1, providerAddresses: [192.0.2.7] }</c>.
/// </summary>
public sealed class HostDocument : IYamlConvertible
{
    public string? Name { get; set; }

    public List<string?>? ProviderAddresses { get; set; }

    /// <inheritdoc />
    public void Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            Name = scalar.Value;
            return;
        }

        var fields = (HostFields?)nestedObjectDeserializer(typeof(HostFields));
        Name = fields?.Name;
        ProviderAddresses = fields?.ProviderAddresses;
    }

    /// <inheritdoc />
    public void Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) =>
        nestedObjectSerializer(new HostFields { Name = Name, ProviderAddresses = ProviderAddresses });
}
