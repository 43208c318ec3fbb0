using Hnv.Forwarding.Pipeline;

namespace Hnv.Forwarding.Tests.Pipeline;

/// <summary>Every drop reason says what it means in one line, served beside its counter.</summary>
[Trait("tier", "pure")]
public sealed class DropReasonDescriptionTests
{
    public static TheoryData<DropReason> Reasons => [.. Enum.GetValues<DropReason>()];

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Describe_EveryReason_OneSentenceThatFitsATableRow(DropReason reason)
    {
        var description = DropReasonDescriptions.Describe(reason);

        Assert.InRange(description.Length, 10, 110);
        Assert.EndsWith(".", description, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', description);
        Assert.True(char.IsUpper(description[0]), description);
    }

    [Fact]
    public void Describe_NoTwoReasonsShareADescription()
    {
        var descriptions = Enum.GetValues<DropReason>().Select(DropReasonDescriptions.Describe).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct(StringComparer.Ordinal).Count());
    }
}
