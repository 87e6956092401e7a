using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Features.Search;

public static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<IInterceptor>(SearchTextInterceptor.Instance);
        services.AddSingleton<IListingTextMatch>(sp => sp.GetRequiredService<DatabaseInfo>().IsSqlite
            ? new SqliteListingTextMatch()
            : new PostgreSqlListingTextMatch());
        services.AddSingleton<ThesaurusCache>();
        services.AddScoped<ThesaurusEditor>();
        services.AddSingleton<SearchVocabularyCache>();
        services.AddSingleton<CrowdedSearches>();
        services.AddScoped<IStartupSeed, ThesaurusSeed>();
        services.AddScoped<IStartupSeed, SearchIndexSeed>();
        services.AddScoped<ListingSearch>();
        services.AddScoped<FeaturedListings>();
        services.AddScoped<ListingFacets>();
        services.AddScoped<ListingMatches>();
        services.AddScoped<SearchAlternatives>();
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app) => app.MapSearchApi().MapSearchSuggestionsApi();
}
