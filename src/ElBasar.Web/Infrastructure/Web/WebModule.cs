using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Localization;

namespace ElBasar.Web.Infrastructure.Web;

public static class WebModule
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static IServiceCollection AddElBasarWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<SiteLinks>();
        services.AddSingleton<ISiteIdentity, DefaultSiteIdentity>();
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        // The layout and shared partials live with the rest of the shared UI.
        services.Configure<Microsoft.AspNetCore.Mvc.Razor.RazorViewEngineOptions>(o =>
            o.PageViewLocationFormats.Add("/Infrastructure/Web/{0}.cshtml"));
        services.AddProblemDetails();
        // Unreadable bodies and parameters throw, for BadRequestProblems to name the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddOpenApi("v1");
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(French);
            o.SupportedCultures = o.SupportedUICultures = [French, CultureInfo.GetCultureInfo("en")];
            // French until the screens are translated: a browser asking for English would otherwise
            // get English dates inside French sentences.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseElBasarWeb(this WebApplication app)
    {
        app.UseElBasarErrors();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<DatabaseUnavailable>();
        app.UseRequestLocalization();
        app.MapStaticAssets();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
