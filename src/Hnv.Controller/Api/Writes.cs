using System.Text.Json.Serialization.Metadata;
using Hnv.Controller.Access;
using Hnv.Controller.Model;
using Hnv.Controller.State;
using Hnv.Controller.Storage;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Api;

/// <summary>Runs a write through the engine and turns its outcome into the API's answer.</summary>
internal static class Writes
{
    public static async Task<IResult> RunAsync(
        HttpContext http,
        PolicyEngine engine,
        Func<ControllerState, IReadOnlyList<ResourceChange>> plan,
        Func<ControllerState, IResult> answer,
        Func<IEnumerable<PolicyProblem>, IEnumerable<PolicyProblem>>? fields = null)
    {
        try
        {
            var caller = http.Caller();
            var state = await engine.WriteAsync(s => TenantScope.Check(caller, s, plan(s)), caller.ToString(), http.RequestAborted).ConfigureAwait(false);
            return answer(state);
        }
        catch (WriteRejectedException e)
        {
            var status = e.Rejection switch
            {
                WriteRejection.NotFound => 404,
                WriteRejection.Conflict => 409,
                WriteRejection.Forbidden => 403,
                _ => 400,
            };
            if (status == 409 && http.Caller().IsScoped)
            {
                // What holds a name, a MAC or a CA may be another tenant's: a limited token learns only that it is taken.
                return ApiResults.Problem(409, "The change conflicts with what exists.",
                    e.Problems.Select(p => p with { Message = "Already taken, perhaps outside the routing domains this token reaches; choose another." }));
            }

            return ApiResults.Problem(status, e.Message, fields is null || status != 400 ? e.Problems : fields(e.Problems));
        }
        catch (StoreFailedException e)
        {
            return ApiResults.Unavailable(e.Message);
        }
    }

    /// <summary>201 with the item and its Location.</summary>
    public static IResult Created<T>(HttpContext http, string location, T value, JsonTypeInfo<T> type)
    {
        http.Response.Headers.Location = location;
        return Results.Json(value, type, statusCode: 201);
    }

    /// <summary>The endpoint asks <paramref name="level"/> of its caller.</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, AccessLevel level)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new RequiredAccess(level));

    /// <summary>Throws the 404 of an item that is not there.</summary>
    public static WriteRejectedException Missing(string what) => WriteRejectedException.NotFound($"There is no {what}.");

    /// <summary>Throws the 409 of an item that exists already.</summary>
    public static WriteRejectedException Exists(string field, string what) =>
        WriteRejectedException.Conflict(field, $"{what} exists already; change it with PUT or choose another key.");
}
