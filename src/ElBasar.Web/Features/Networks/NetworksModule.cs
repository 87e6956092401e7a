using ElBasar.Web.Features.Administration.Settings;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

public static class NetworksModule
{
    public static IServiceCollection AddNetworks(this IServiceCollection services)
    {
        services.AddSingleton<NetworkHosts>();
        services.AddScoped<NetworkAudiences>();
        services.AddScoped<CurrentNetwork>();
        services.AddScoped<NetworkCatalog>();
        services.AddScoped<NetworkFacilitation>();
        services.AddScoped<NetworkSwitcher>();
        services.AddScoped<NetworkBrand>();
        return services;
    }

    /// <summary>
    /// A request to <c>/</c> on a network's own host name shows that network's home page; the
    /// colours of a network are a stylesheet (the Content-Security-Policy forbids inline styles).
    /// </summary>
    public static WebApplication UseNetworkHosts(this WebApplication app)
    {
        // Before routing, so the rewritten path finds its page.
        app.Use(async (http, next) =>
        {
            if (http.Request.Path == "/" && HttpMethods.IsGet(http.Request.Method)
                && await FindByHostAsync(http) is { IsHome: false } network)
                http.Request.Path = "/reseaux/" + network.Slug;
            await next(http);
        });
        return app;
    }

    static async Task<NetworkRef?> FindByHostAsync(HttpContext http)
    {
        try
        {
            return await http.RequestServices.GetRequiredService<NetworkHosts>().FindAsync(http.Request.Host.Host, http.RequestAborted);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException && !http.RequestAborted.IsCancellationRequested)
        {
            // The database is out of reach: the home page's own answer (the "unavailable" page) follows.
            return null;
        }
    }

    public static IEndpointRouteBuilder MapNetworks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reseaux/{slug}/theme.css", ThemeAsync).AllowAnonymous().ExcludeFromDescription();
        // No sign-in redirect: whoever does not run the network, a visitor too, gets 404.
        app.MapGet("/reseaux/{slug}/animation/membres.csv", NetworkMembersExport.CsvAsync).ExcludeFromDescription();
        app.MapNetworkLogos();
        return app;
    }

    static async Task<IResult> ThemeAsync(string slug, HttpContext http, ElBasarDbContext db, CancellationToken ct)
    {
        var colours = await db.Networks.AsNoTracking().Where(n => n.Slug == slug).Select(n => new { n.PrimaryColour, n.AccentColour }).FirstOrDefaultAsync(ct);
        if (colours is null) return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=300";
        var css = ":root {\n";
        if (colours.PrimaryColour is { } primary)
            css += $"    --brand: {primary};\n    --brand-dark: {Colours.Darker(primary)};\n    --offer: {primary};\n";
        if (colours.AccentColour is { } accent) css += $"    --accent: {accent};\n";
        return Results.Text(css + "}\n", "text/css; charset=utf-8");
    }
}
