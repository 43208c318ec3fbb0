using Hnv.Controller.Api;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Hosting;

/// <summary>
/// A path and query longer than <see cref="MaxBytes"/> is a problem+json 414 that says the limit. Kestrel itself would
/// answer a bare 414 (no body) past its own request-line limit, which is set to <see cref="KestrelMaxBytes"/> so that
/// this answer covers every line short of an absurd one.
/// </summary>
internal sealed class RequestLineLimit(RequestDelegate next)
{
    public const int MaxBytes = 8 * 1024;

    public const int KestrelMaxBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var length = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        return length <= MaxBytes
            ? next(context)
            : ApiResults.Problem(414, "The request's path and query are too long.", [new PolicyProblem("$", $"They are {length} bytes; at most {MaxBytes} are read. Items are named by their keys, and lists are filtered by a few parameters.")])
                .ExecuteAsync(context);
    }
}
