using Hnv.Client.Json;
using Hnv.Client.Problems;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Http;

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
}
