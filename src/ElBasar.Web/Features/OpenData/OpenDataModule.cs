namespace ElBasar.Web.Features.OpenData;

/// <summary>Open data and the open web: schema.org on public pages, the open data files and API, the embeddable widgets (README.md beside this file).</summary>
public static class OpenDataModule
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddScoped<SchemaOrg>();
        services.AddScoped<OpenDataLicences>();
        services.AddScoped<ActivityStatistics>();
        services.AddScoped<OpenDataScopes>();
        services.AddScoped<Widgets.TerritoryOffers>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapOpenDataApi();
        app.MapGet(Datasets.Directory.Path, OpenDataFiles.DirectoryCsvAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Datasets.Communes.Path, OpenDataFiles.CommunesCsvAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Datasets.Epcis.Path, OpenDataFiles.EpcisCsvAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(Datasets.Months.Path, OpenDataFiles.MonthsCsvAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/widgets/carte/annonces.json", Widgets.TerritoryOffers.JsonAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
