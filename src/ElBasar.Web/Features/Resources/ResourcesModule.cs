using ElBasar.Web.Features.Accounts.PersonalData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Resources;

public static class ResourcesModule
{
    public static IServiceCollection AddResources(this IServiceCollection services, IConfiguration configuration)
    {
        // Files are kept in the database and read whole: a limit of tens of megabytes at most.
        services.AddOptions<ResourcesOptions>().Bind(configuration.GetSection(ResourcesOptions.Section))
            .Validate(o => o.MaxFileMegabytes is >= 1 and <= 50, "Resources:MaxFileMegabytes must be between 1 and 50.").ValidateOnStart();
        // One page adds and edits: its file names the edit route, the add route is added here. Its
        // request size limit follows the setting, with room for a file a little too large to get its message.
        services.AddOptions<RazorPagesOptions>().Configure<IOptions<ResourcesOptions>>((o, resources) =>
        {
            o.Conventions.AddPageRoute("/Resources/Edit", "/ressources/nouvelle");
            o.Conventions.AddPageApplicationModelConvention("/Resources/Edit", page =>
            {
                page.Filters.Add(new RequestSizeLimitAttribute(resources.Value.MaxRequestBytes));
                page.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = resources.Value.MaxRequestBytes });
            });
        });
        services.AddScoped<ResourceLibrary>();
        services.AddScoped<IPersonalDataSource, ResourcesPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app) => app.MapResourcesApi();
}
