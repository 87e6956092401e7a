using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Administration.Settings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;

namespace ElBasar.Web.Features.Administration;

public static class AdministrationModule
{
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddSingleton<SiteSettingsCache>();
        services.AddSingleton<ISiteIdentity>(sp => sp.GetRequiredService<SiteSettingsCache>());
        return services;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        // Another web node may have changed the taxonomy: each node reads it again once it is Taxonomy.Lifetime old.
        app.Use(async (context, next) =>
        {
            var services = context.RequestServices;
            var (taxonomy, now) = (services.GetRequiredService<Listings.Taxonomy>(), services.GetRequiredService<TimeProvider>().GetUtcNow());
            if (taxonomy.IsStale(now)) await taxonomy.RefreshIfStaleAsync(services.GetRequiredService<ElBasarDbContext>(), now, context.RequestAborted);
            await next(context);
        });
        app.MapSettingsEndpoints();
        app.MapGet("/admin/journal.csv", JournalModel.CsvAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = SiteRoles.Admin }).ExcludeFromDescription();
        return app;
    }
}
