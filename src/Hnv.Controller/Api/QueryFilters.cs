using Hnv.Policy.Model;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Api;

/// <summary>Reads a listing's query filters; a filter that does not read is a 400 naming it.</summary>
internal static class QueryFilters
{
    /// <summary>The ?rdid= filter: null when absent; false with the answer when it is not a GUID.</summary>
    public static bool TryRdid(string? text, out Rdid? filter, out IResult? error)
    {
        filter = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (!Rdid.TryParse(text, out var rdid))
        {
            error = ApiResults.Invalid("rdid", $"'{text}' is not an RDID; expected a GUID.");
            return false;
        }

        filter = rdid;
        return true;
    }
}
