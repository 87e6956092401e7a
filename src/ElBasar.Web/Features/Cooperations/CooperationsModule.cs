using ElBasar.Web.Features.Accounts.PersonalData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Cooperations;

public static class CooperationsModule
{
    public static IServiceCollection AddCooperations(this IServiceCollection services)
    {
        // One page records and edits: its file names the edit route, the "new" route is added here.
        services.Configure<RazorPagesOptions>(o => o.Conventions.AddPageRoute("/Cooperations/Edit", "/cooperations/nouvelle"));
        services.AddSingleton<TerritoryCoverage>();
        services.AddScoped<CooperationCatalog>();
        services.AddScoped<CooperationFigures>();
        services.AddScoped<IPersonalDataSource, CooperationsPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapCooperations(this IEndpointRouteBuilder app) => app.MapCooperationsApi();
}
