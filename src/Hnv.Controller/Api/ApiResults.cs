using Hnv.Client.Json;
using Hnv.Client.Problems;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Hnv.Controller.Api;

/// <summary>Answers in the API's shapes: JSON bodies and RFC 9457 problem details (<see cref="ApiProblem"/>).</summary>
internal static class ApiResults
{
    public const string ProblemMediaType = "application/problem+json";

    public static IResult Problem(int status, string title, IEnumerable<PolicyProblem>? problems = null, string? detail = null) =>
        Results.Json(
            new ApiProblem
            {
                Type = "about:blank",
                Title = title,
                Status = status,
                Detail = detail,
                Problems = problems?.Select(p => new ApiProblemItem { Field = p.Field, Message = p.Message }).ToList(),
            },
            ClientJsonContext.Default.ApiProblem,
            ProblemMediaType,
            status);

    public static IResult Invalid(string field, string message) => Problem(400, "The request is not valid.", [new PolicyProblem(field, message)]);

    public static IResult NotFound(string message) => Problem(404, message);

    public static IResult Conflict(string field, string message) => Problem(409, message, [new PolicyProblem(field, message)]);

    public static IResult Unavailable(string message) => Problem(503, message);

    /// <summary>
    /// Gives an error that left without a body (no route, a method the route does not take) a problem+json body, so
    /// a client never has to guess from a bare status.
    /// </summary>
    public static Task WriteBodilessErrorAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var title = status switch
        {
            404 => "There is no such resource; the OpenAPI document at /openapi/v1.json lists the API.",
            405 => "The resource does not take this method; the OpenAPI document at /openapi/v1.json lists what it takes.",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        return Problem(status, title).ExecuteAsync(context.HttpContext);
    }
}
