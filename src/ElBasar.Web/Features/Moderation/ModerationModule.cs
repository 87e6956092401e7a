using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Moderation;

public static class ModerationModule
{
    /// <summary>Reports a person may send a minute: enough to flag a few, too few to flood the queue.</summary>
    public const string ReportLimit = "reports";
    public const int ReportsPerMinute = 5;

    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddScoped<ModerationDecisions>();
        services.AddScoped<Infrastructure.Web.IBackOfficeSource, ModerationBackOffice>();
        services.AddScoped<ModerationNotices>();
        services.AddScoped<Directory.Merge.IOrganizationMergeStep, ModerationMergeStep>();
        services.AddScoped<ModerationMails>();
        services.AddScoped<Accounts.PersonalData.IPersonalDataSource, ModerationPersonalData>();
        services.AddRateLimiter(o => o.AddPolicy(ReportLimit, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = ReportsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("lecture")));
        return services;
    }
}
