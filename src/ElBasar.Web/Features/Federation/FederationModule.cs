using ElBasar.Web.Features.Search;

namespace ElBasar.Web.Features.Federation;

public static class FederationModule
{
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<FeedChanges>();
        services.AddScoped<FeedRecords>();
        services.AddScoped<PartnerKeys>();
        services.AddScoped<Partners>();
        services.AddScoped<FeedSubscription>();
        services.AddScoped<INetworkListings, NetworkListings>();
        services.AddOptions<FederationOptions>().BindConfiguration(FederationOptions.Section)
            .Validate(o => o.IsValid(), "Federation:PollSeconds must be between 1 and 3600, Federation:SyncMinutes between 0 and 1440, Federation:TimeoutSeconds between 1 and 120.")
            .ValidateOnStart();
        var timeout = configuration.GetValue($"{FederationOptions.Section}:{nameof(FederationOptions.TimeoutSeconds)}", new FederationOptions().TimeoutSeconds);
        services.AddHttpClient(FeedSubscription.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(Math.Clamp(timeout, 1, 120));
            client.MaxResponseContentBufferSize = 32 * 1024 * 1024;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("elBasar-federation/1");
        });
        services.AddSingleton<FederationJob>();
        services.AddHostedService(sp => sp.GetRequiredService<FederationJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapFederation(this IEndpointRouteBuilder app) => app.MapFeedApi();
}
