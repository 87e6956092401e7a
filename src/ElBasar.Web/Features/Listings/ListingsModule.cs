using ElBasar.Web.Features.Listings.Publishing;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Listings;

public static class ListingsModule
{
    public static IServiceCollection AddListings(this IServiceCollection services)
    {
        services.AddSingleton(Taxonomy.LoadEmbedded());
        services.AddScoped<IStartupSeed, TaxonomySeed>();
        services.AddScoped<Publishing.ListingPublisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapListings(this IEndpointRouteBuilder app) => app.MapListingsApi().MapPublishingApi();
}
