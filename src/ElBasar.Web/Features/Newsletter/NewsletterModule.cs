using ElBasar.Web.Features.Accounts.PersonalData;

namespace ElBasar.Web.Features.Newsletter;

public static class NewsletterModule
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NewsletterOptions>().Bind(configuration.GetSection(NewsletterOptions.Section))
            .Validate(o => o.PollSeconds is >= 1 and <= 3600 && o.BatchSize is >= 1 and <= 5000 && o.BatchPauseMilliseconds is >= 0 and <= 60000,
                "Newsletter: PollSeconds 1..3600, BatchSize 1..5000, BatchPauseMilliseconds 0..60000.").ValidateOnStart();
        services.AddScoped<DigestComposer>();
        services.AddScoped<Newsletters>();
        services.AddScoped<Subscribers>();
        services.AddSingleton<NewsletterLinks>();
        services.AddSingleton<NewsletterJob>();
        services.AddHostedService(sp => sp.GetRequiredService<NewsletterJob>());
        services.AddScoped<IPersonalDataSource, NewsletterPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapNewsletter(this IEndpointRouteBuilder app) => app.MapNewsletterApi();
}
