namespace Hnv.Policy.Validation;

/// <summary>
/// One thing wrong with a policy: <see cref="Field"/> is a JSON path such as <c>virtualSubnets[2].prefixes[0]</c>
/// (or a key path such as <c>lookupRecords[vsid=5001,ca=10.0.0.5].pa</c> for a delta), <see cref="Message"/>
/// a sentence saying what is wrong and what is expected.
/// </summary>
public sealed record PolicyProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
