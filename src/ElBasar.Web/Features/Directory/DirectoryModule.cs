using ElBasar.Web.Features.Directory.Logo;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Directory;

public static class DirectoryModule
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        services.AddSingleton<HomeNetwork>();
        services.AddScoped<IStartupSeed, HomeNetworkSeed>();
        services.AddScoped<OrganizationDirectory>();
        services.AddScoped<OrganizationAccess>();
        services.AddScoped<People.OrganizationPeople>();
        services.AddScoped<People.OrganizationMails>();
        services.AddScoped<Charter.NetworkCharter>();
        services.AddScoped<Merge.OrganizationMerger>();
        services.AddScoped<IStartupSeed, Charter.CharterSeed>();
        services.AddScoped<Accounts.PersonalData.IPersonalDataSource, DirectoryPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapDirectory(this IEndpointRouteBuilder app) => app.MapOrganizationsApi().MapOrganizationLogos();
}
