using Hnv.Policy.Validation;

namespace Hnv.Controller.Access;

/// <summary>What an operator token may be called: 1 to 64 letters, digits, '.', '_' or '-', not "agent-…" (agent tokens are named after their host).</summary>
internal static class TokenNames
{
    public static readonly string Rule =
        $"1 to {PolicyItemReader.MaxNameLength} letters, digits, '.', '_' or '-', not starting with \"agent-\" (agent tokens are named after their host)";

    public static bool IsOperatorName(string? name) =>
        PolicyItemReader.IsName(name) && !name.StartsWith("agent-", StringComparison.Ordinal);
}
