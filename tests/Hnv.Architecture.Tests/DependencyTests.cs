using System.Reflection;

namespace Hnv.Architecture.Tests;

/// <summary>
/// The dependency arrows of docs/architecture.md, checked on the built assemblies: each of our assemblies may
/// reference only the ones allowed-references.txt lists for it, and every assembly of ours must be listed.
/// </summary>
[Trait("tier", "pure")]
public sealed class DependencyTests
{
    private static readonly string Folder = AppContext.BaseDirectory;

    public static TheoryData<string> Assemblies() => new(OurAssemblies());

    private static IEnumerable<string> OurAssemblies() =>
        Directory.GetFiles(Folder, "*.dll")
            .Select(file => Path.GetFileNameWithoutExtension(file))
            .Where(name => IsOurs(name) && !name.EndsWith(".Tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_ReferencesOnlyWhatArchitectureAllows(string name)
    {
        var allowed = ReadAllowed();
        Assert.True(allowed.ContainsKey(name), $"{name} is not in allowed-references.txt: add its line (and its room in docs/architecture.md)");

        var references = AssemblyName(name).GetReferencedAssemblies().Select(r => r.Name!).Where(IsOurs).ToList();
        var forbidden = references.Except(allowed[name]).ToList();

        Assert.True(forbidden.Count == 0, $"{name} references {string.Join(", ", forbidden)}, which docs/architecture.md does not allow");
    }

    [Fact]
    public void Assemblies_AllFoundBesideTheTests() =>
        Assert.Equal(["Hnv.Client", "Hnv.Dataplane", "Hnv.Dataplane.Linux", "Hnv.Forwarding", "Hnv.Lab", "Hnv.Linux", "Hnv.NodeRuntime", "Hnv.Policy", "Hnv.Wire", "hnv", "hnv-agent", "hnv-controller", "hnv-gateway"], OurAssemblies());

    [Fact]
    public void Dataplane_ReferencesNoLinux() =>
        // The node's core never references its transport (Kestrel's split): memory ports run it whole.
        Assert.DoesNotContain("Hnv.Linux", References("Hnv.Dataplane"));

    [Theory]
    [InlineData("hnv-agent")]
    [InlineData("hnv-controller")]
    [InlineData("hnv-gateway")]
    [InlineData("hnv")]
    public void Program_ReferencesNoOtherProgram(string program) =>
        Assert.Empty(References(program).Intersect(["hnv-agent", "hnv-controller", "hnv", "hnv-gateway"]));

    private static List<string> References(string name) => [.. AssemblyName(name).GetReferencedAssemblies().Select(r => r.Name!).Where(IsOurs)];

    private static bool IsOurs(string name) => name.StartsWith("Hnv.", StringComparison.Ordinal) || name is "hnv" or "hnv-agent" or "hnv-controller" or "hnv-gateway";

    private static Assembly AssemblyName(string name) => Assembly.LoadFrom(Path.Combine(Folder, name + ".dll"));

    private static Dictionary<string, HashSet<string>> ReadAllowed()
    {
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "allowed-references.txt")))
        {
            if (line.StartsWith('#') || !line.Contains(':', StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split(':', 2);
            allowed[parts[0].Trim()] = [.. parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        return allowed;
    }
}
