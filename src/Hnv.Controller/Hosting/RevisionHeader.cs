using Hnv.Client;
using Hnv.Controller.State;
using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Hosting;

/// <summary>Puts the controller's revision (after the request) on every answer as <see cref="ApiPaths.RevisionHeader"/>.</summary>
internal sealed class RevisionHeader(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, PolicyEngine engine)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[ApiPaths.RevisionHeader] = engine.Current.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
