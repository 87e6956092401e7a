namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// A strict Content-Security-Policy (no inline script or style: page scripts live in
/// wwwroot/js) and the usual hardening headers on every response. Only the widgets (/widgets/*,
/// made for members' and local authorities' sites) may be framed by another site; every other page
/// refuses any frame, so no action of the site can be clicked through someone else's page.
/// </summary>
sealed class SecurityHeaders(RequestDelegate next)
{
    const string Common =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; ";

    const string Policy = Common + "frame-ancestors 'none'", WidgetPolicy = Common + "frame-ancestors *";
    const string WidgetsPath = "/widgets";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        var widget = context.Request.Path.StartsWithSegments(WidgetsPath);
        headers.ContentSecurityPolicy = widget ? WidgetPolicy : Policy;
        headers.XContentTypeOptions = "nosniff";
        if (!widget) headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        return next(context);
    }
}
