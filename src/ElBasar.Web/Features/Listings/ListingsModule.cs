using ElBasar.Web.Features.Listings.Expiry;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Features.Listings.Publishing;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Listings;

public static class ListingsModule
{
    public static IServiceCollection AddListings(this IServiceCollection services)
    {
        services.AddSingleton(Taxonomy.LoadEmbedded());
        services.AddScoped<IStartupSeed, TaxonomySeed>();
        services.AddScoped<TaxonomyEditor>();
        services.AddScoped<NetworkCategoryEditor>();
        services.AddScoped<ListingPhotos>();
        services.AddScoped<ListingPublisher>();
        services.AddOptions<ListingsOptions>().BindConfiguration(ListingsOptions.Section)
            .Validate(o => o.IsValid(), "Listings:ExpiryReminderDays must be between 1 and 60, Listings:ExpiryReminderPollMinutes between 1 and 1440.")
            .ValidateOnStart();
        services.AddScoped<ExpiryMails>();
        services.AddSingleton<ExpiryReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<ExpiryReminderJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapListings(this IEndpointRouteBuilder app) =>
        app.MapListingsApi().MapListingPhotos().MapPublishingApi();
}
