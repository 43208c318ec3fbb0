namespace Hnv.Client.Problems;

/// <summary>One thing wrong with a request: the JSON field ("vsid", "addresses[1]") and a sentence.</summary>
public sealed class ApiProblemItem
{
    public string? Field { get; set; }

    public string? Message { get; set; }
}
