using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Demo;

public static class DemoModule
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddScoped<IStartupSeed, DemoSeed>();
        return services;
    }
}
