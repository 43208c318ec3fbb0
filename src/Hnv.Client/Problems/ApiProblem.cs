namespace Hnv.Client.Problems;

/// <summary>
/// An error answer (RFC 9457 problem details, application/problem+json): <see cref="Title"/> says what went
/// wrong, <see cref="Problems"/> lists every field that was wrong and why (400), or names the conflict (409).
/// </summary>
public sealed class ApiProblem
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public int? Status { get; set; }

    public string? Detail { get; set; }

    public List<ApiProblemItem>? Problems { get; set; }
}
