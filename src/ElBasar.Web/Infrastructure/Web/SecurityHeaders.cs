namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// A strict Content-Security-Policy (no inline script or style: page scripts live in
/// wwwroot/js) and the usual hardening headers on every response.
/// </summary>
sealed class SecurityHeaders(RequestDelegate next)
{
    const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)";
        return next(context);
    }
}
