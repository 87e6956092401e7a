using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;

namespace ElBasar.Web.Infrastructure.Web;

public static class WebModule
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static IServiceCollection AddElBasarWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SiteOptions>(configuration.GetSection(SiteOptions.Section));
        services.AddSingleton<SiteLinks>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Believed only from the loopback (ASP.NET's default) and the configured proxies.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection($"{SiteOptions.Section}:{nameof(SiteOptions.KnownProxies)}").Get<string[]>() ?? [])
                o.KnownProxies.Add(IPAddress.Parse(proxy));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddElBasarDataProtection();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddSingleton<ISiteIdentity, DefaultSiteIdentity>();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new HandlerRequired());
        });
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
        app.UseForwardedHeaders();
        // HTTPS only, and not while developing on a machine's own certificate.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseElBasarErrors();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<FormNulCharacters>();
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
