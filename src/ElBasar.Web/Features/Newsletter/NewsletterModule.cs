using ElBasar.Web.Features.Accounts.PersonalData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Newsletter;

public static class NewsletterModule
{
    public static IServiceCollection AddNewsletter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NewsletterOptions>().Bind(configuration.GetSection(NewsletterOptions.Section))
            .Validate(o => o.PollSeconds is >= 1 and <= 3600 && o.BatchSize is >= 1 and <= 5000 && o.BatchPauseMilliseconds is >= 0 and <= 60000,
                "Newsletter: PollSeconds 1..3600, BatchSize 1..5000, BatchPauseMilliseconds 0..60000.").ValidateOnStart();
        services.AddScoped<DigestComposer>();
        // Each network's digest: its archive and subscription, an issue, and its facilitators' pages.
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Newsletter/Archive", "/reseaux/{network}/lettre");
            o.Conventions.AddPageRoute("/Newsletter/Issue", "/reseaux/{network}/lettre/{month:length(7)}");
            o.Conventions.AddPageRoute("/Newsletter/Issues", "/reseaux/{network}/animation/lettre");
            o.Conventions.AddPageRoute("/Newsletter/Compose", "/reseaux/{network}/animation/lettre/{month:length(7)}");
        });
        services.AddScoped<Newsletters>();
        services.AddScoped<DigestFacilitators>();
        services.AddScoped<Subscribers>();
        services.AddSingleton<NewsletterLinks>();
        services.AddSingleton<NewsletterJob>();
        services.AddHostedService(sp => sp.GetRequiredService<NewsletterJob>());
        services.AddScoped<IPersonalDataSource, NewsletterPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapNewsletter(this IEndpointRouteBuilder app) => app.MapNewsletterApi();
}
