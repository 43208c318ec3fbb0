using Hnv.Controller.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hnv.Controller.Api;

/// <summary>
/// GET /ui: the topology page (HTML, its script and style, built into the controller). The files hold no data and need
/// no token; the page reads the API with the token its user gives it, so what it shows is what that token may read.
/// </summary>
internal static class PageEndpoints
{
    public const string Path = "/ui";

    // Only this origin's files run: no inline script, no other site, no framing.
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly (string Route, string Resource, string Type)[] Files =
    [
        (Path, "topology.html", "text/html; charset=utf-8"), // routing takes /ui/ to it as well
        (Path + "/topology.js", "topology.js", "text/javascript; charset=utf-8"),
        (Path + "/topology.css", "topology.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var (route, resource, type) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(route, (HttpContext http) =>
                {
                    http.Response.Headers.ContentSecurityPolicy = Policy;
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers.CacheControl = "no-cache";
                    return Results.Bytes(bytes, type);
                })
                .Allow(AccessLevel.Public).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream("Hnv.Controller.Page." + name)
            ?? throw new InvalidOperationException($"The page file {name} is not built into the controller.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
