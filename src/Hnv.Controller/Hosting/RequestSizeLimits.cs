using Hnv.Controller.Api;
using Hnv.Policy.Validation;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Hosting;

/// <summary>
/// A path and query longer than <see cref="MaxLineBytes"/> is a problem+json 414, headers over
/// <see cref="MaxHeaderBytes"/> a problem+json 431, each saying the limit. Kestrel itself would answer without a body
/// past its own limits, which are set to <see cref="KestrelMaxBytes"/> so that these answers cover every request short
/// of an absurd one.
/// </summary>
internal sealed class RequestSizeLimits(RequestDelegate next)
{
    public const int MaxLineBytes = 8 * 1024;

    public const int MaxHeaderBytes = 16 * 1024;

    public const int KestrelMaxBytes = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        // As sent: percent-encoded, so each byte counts once whatever it decodes to.
        var line = (context.Request.Path.HasValue ? context.Request.Path.ToUriComponent().Length : 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (line > MaxLineBytes)
        {
            return ApiResults.Problem(414, "The request's path and query are too long.",
                [new PolicyProblem("$", $"They are {line} bytes; at most {MaxLineBytes} are read. Items are named by their keys, and lists are filtered by a few parameters.")])
                .ExecuteAsync(context);
        }

        var headers = context.Request.Headers.Sum(h => h.Key.Length + h.Value.Sum(v => v?.Length ?? 0));
        return headers <= MaxHeaderBytes
            ? next(context)
            : ApiResults.Problem(431, "The request's headers are too large.",
                [new PolicyProblem("$", $"They are {headers} bytes; at most {MaxHeaderBytes} are read. A bearer token is about 50.")])
                .ExecuteAsync(context);
    }
}
