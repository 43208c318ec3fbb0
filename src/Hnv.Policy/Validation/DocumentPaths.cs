using System.Globalization;

namespace Hnv.Policy.Validation;

/// <summary>Paths by position in the operator's document: <c>lookupRecords[3]</c>.</summary>
internal sealed class DocumentPaths : PolicyPaths
{
    private readonly List<int>[] _documentIndexes = [[], [], [], [], [], []];

    /// <summary>Records that the next set item of <paramref name="kind"/> came from document item <paramref name="documentIndex"/>.</summary>
    public void Add(PolicyKind kind, int documentIndex) => _documentIndexes[(int)kind].Add(documentIndex);

    /// <inheritdoc />
    public override string Of(PolicyKind kind, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{ListName(kind)}[{_documentIndexes[(int)kind][index]}]");
}
