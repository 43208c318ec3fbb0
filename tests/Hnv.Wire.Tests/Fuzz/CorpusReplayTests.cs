namespace Hnv.Wire.Tests.Fuzz;

/// <summary>Replays the saved corpus (Fuzz/Corpus/&lt;target&gt;/*.bin) through its target; a crash found later becomes a named file here.</summary>
[Trait("tier", "pure")]
public sealed class CorpusReplayTests
{
    private static string CorpusRoot => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus");

    public static TheoryData<string> TargetNames => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Run_EverySavedInput_NoException(string name)
    {
        var target = FuzzTargets.Get(name);
        var files = Directory.GetFiles(Path.Combine(CorpusRoot, name), "*.bin");
        Assert.True(files.Length >= 3, $"{name} has {files.Length} corpus files");
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            var exception = Record.Exception(() => target.Run(input));
            Assert.True(exception is null, $"{name}/{Path.GetFileName(file)}: {exception}");
        }
    }

    [Fact]
    public void Corpus_EveryFolder_NamesATarget()
    {
        var folders = Directory.GetDirectories(CorpusRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(FuzzTargets.All.Select(t => t.Name).Order(StringComparer.Ordinal), folders);
    }
}
