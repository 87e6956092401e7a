using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Settings;

/// <summary>
/// <c>/reglages/theme.css</c>, the colours as CSS custom properties over site.css (an inline style
/// block would break our Content-Security-Policy), and <c>/reglages/logo/{id}</c>, the site's logo.
/// </summary>
public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reglages/theme.css", ThemeAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/reglages/logo/{id:guid}", LogoAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> ThemeAsync(HttpContext http, ISiteIdentity identity, CancellationToken ct)
    {
        var site = await identity.CurrentAsync(ct);
        // The address carries the colours (?v=), so a changed theme is a new address.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(Theme(site), "text/css; charset=utf-8");
    }

    /// <summary>The custom properties of site.css that the two colours replace.</summary>
    public static string Theme(SiteIdentity site) =>
        $$"""
        :root {
            --brand: {{site.PrimaryColour}};
            --brand-dark: {{Colours.Darker(site.PrimaryColour)}};
            --offer: {{site.PrimaryColour}};
            --accent: {{site.AccentColour}};
        }

        """;

    static async Task<IResult> LogoAsync(Guid id, HttpContext http, ElBasarDbContext db, CancellationToken ct)
    {
        var contentType = await db.Set<SiteLogo>().Where(l => l.Id == id).Select(l => l.ContentType).FirstOrDefaultAsync(ct);
        if (contentType is null) return Results.NotFound();
        return await PhotoEndpoint.ServeImageAsync(http, id, true, contentType,
            () => db.Set<SiteLogo>().Where(l => l.Id == id).Select(l => l.Bytes).FirstOrDefaultAsync(ct));
    }
}
