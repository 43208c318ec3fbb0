using Hnv.Controller.Documents;

namespace Hnv.Controller.Access;

/// <summary>What an operator token may be called: 1 to 64 letters, digits, '.', '_' or '-', not "agent-…" (agent tokens are named after their host).</summary>
internal static class TokenNames
{
    public static readonly string Rule =
        $"1 to {ResourceReader.MaxNameLength} letters, digits, '.', '_' or '-', not starting with \"agent-\" (agent tokens are named after their host)";

    public static bool IsOperatorName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= ResourceReader.MaxNameLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && !name.StartsWith("agent-", StringComparison.Ordinal);
}
