using Microsoft.AspNetCore.Http;

namespace Hnv.Controller.Access;

/// <summary>The authenticated caller of a request.</summary>
internal static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) =>
        context.Items[TokenAuthentication.CallerItem] as Caller ?? new Caller("anonymous", "none", null, null);
}
