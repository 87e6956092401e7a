using ElBasar.Web.Features.Accounts.PersonalData;

namespace ElBasar.Web.Features.Alerts;

public static class AlertsModule
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertsOptions>().Bind(configuration.GetSection(AlertsOptions.Section))
            .Validate(o => o.PollSeconds is >= 1 and <= 3600, "Alerts:PollSeconds must be between 1 and 3600.").ValidateOnStart();
        services.AddScoped<SavedSearches>();
        services.AddScoped<AlertMatcher>();
        services.AddScoped<DemandWatchMatcher>();
        services.AddScoped<DemandWatches>();
        services.AddScoped<AlertMails>();
        services.AddScoped<AlertDescriptions>();
        services.AddSingleton<AlertLinks>();
        services.AddSingleton<AlertJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertJob>());
        services.AddScoped<IPersonalDataSource, AlertsPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app) => app.MapAlertsApi().MapAlertFeeds();
}
