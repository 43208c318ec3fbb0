using System.Text.RegularExpressions;

namespace Hnv.Architecture.Tests;

/// <summary>
/// The repository carries everything it refers to: no file names a path outside the clone (a folder beside it, or an
/// absolute path of the machine it was written on), so a reader with only the clone finds every page.
/// </summary>
[Trait("tier", "pure")]
public sealed partial class SelfContainedTests
{
    private static readonly string[] TextExtensions = [".cs", ".md", ".sh", ".csproj", ".props", ".slnx", ".yaml", ".yml", ".json", ".txt", ".editorconfig"];

    [Fact]
    public void Repository_NamesNoPathOutsideIt()
    {
        var root = RepositoryRoot();
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is ".git" or "bin" or "obj" or "node_modules")
                || !TextExtensions.Contains(Path.GetExtension(file)) && Path.GetFileName(file) != "run")
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsidePath().IsMatch(lines[i]))
                {
                    hits.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(hits.Count == 0, "paths outside the repository:\n" + string.Join("\n", hits));
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "hnv.slnx")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return folder.FullName;
    }

    // The folders beside the clone, the workplace's own, and the pages that live there or their numbered habits (this
    // repository's map is docs/architecture.md); spelled in pieces so this file does not match itself.
    [GeneratedRegex(@"\.\./" + @"(shared|\.library)\b|/" + "work/(main|shared)" + @"\b|\b(ARCHITECTURE|STYLE|DATAPLANE-IO)\." + @"md|\bSTYLE" + " habit")]
    private static partial Regex OutsidePath();
}
