using System.Threading.RateLimiting;
using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Hotline;

public static class HotlineModule
{
    /// <summary>Requests a person (or an address) may send in ten minutes: a few, never a flood of the facilitators' inbox.</summary>
    public const string RequestLimit = "hotline";
    public const int RequestsPerTenMinutes = 5;

    public static IServiceCollection AddHotline(this IServiceCollection services)
    {
        services.AddScoped<HotlineDesk>();
        services.AddScoped<Infrastructure.Web.IBackOfficeSource, HotlineBackOffice>();
        services.AddScoped<Accounts.PersonalData.IPersonalDataSource, HotlinePersonalData>();
        services.AddRateLimiter(o => o.AddPolicy(RequestLimit, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = RequestsPerTenMinutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("lecture")));
        return services;
    }

    public static IEndpointRouteBuilder MapHotline(this IEndpointRouteBuilder app)
    {
        app.MapGet("/animation/demandes.csv", HotlineExport.CsvAsync).RequireAuthorization(AccountPolicies.Staff).ExcludeFromDescription();
        return app;
    }
}
