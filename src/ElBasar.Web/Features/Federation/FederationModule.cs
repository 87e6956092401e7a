namespace ElBasar.Web.Features.Federation;

public static class FederationModule
{
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<FeedChanges>();
        services.AddScoped<FeedRecords>();
        services.AddScoped<PartnerKeys>();
        return services;
    }

    public static IEndpointRouteBuilder MapFederation(this IEndpointRouteBuilder app) => app.MapFeedApi();
}
