using ElBasar.Web.Features.Accounts.PersonalData;

namespace ElBasar.Web.Features.Lending;

public static class LendingModule
{
    public static IServiceCollection AddLending(this IServiceCollection services)
    {
        services.AddOptions<LendingOptions>().BindConfiguration(LendingOptions.Section)
            .Validate(o => o.IsValid(), "Lending:ReminderPollMinutes must be between 1 and 1440.").ValidateOnStart();
        services.AddScoped<LoanDesk>();
        services.AddScoped<ItemAccess>();
        services.AddScoped<LendingMails>();
        services.AddScoped<CompletedLoans>();
        services.AddScoped<Infrastructure.Data.IStartupSeed, LendingDemoSeed>();
        services.AddScoped<IPersonalDataSource, LendingPersonalData>();
        services.AddSingleton<LoanReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<LoanReminderJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapLending(this IEndpointRouteBuilder app) => app.MapLendingApi().MapLendingFeeds();
}
