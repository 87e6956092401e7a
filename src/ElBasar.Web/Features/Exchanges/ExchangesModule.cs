namespace ElBasar.Web.Features.Exchanges;

/// <summary>Exchanges between members, their recommendations, and the impact dashboard (README.md beside this file).</summary>
public static class ExchangesModule
{
    public static IServiceCollection AddExchanges(this IServiceCollection services)
    {
        services.AddScoped<ExchangeLedger>();
        services.AddScoped<Lending.ILoanReturnedHandler, LoanExchanges>();
        services.AddScoped<Infrastructure.Web.IBackOfficeSource, ExchangesBackOffice>();
        services.AddScoped<ImpactReport>();
        services.AddScoped<ImpactScopes>();
        services.AddScoped<ImpactRollups>();
        services.AddScoped<MemberActivity>();
        services.AddScoped<ExchangeActivity>();
        services.AddScoped<ExchangeForms>();
        services.AddScoped<Directory.Merge.IOrganizationMergeStep, ExchangesMergeStep>();
        services.AddScoped<ExchangeViews>();
        services.AddScoped<Accounts.PersonalData.IPersonalDataSource, ExchangesPersonalData>();
        return services;
    }

    public static IEndpointRouteBuilder MapExchanges(this IEndpointRouteBuilder app)
    {
        app.MapExchangesApi();
        // Signed in; ImpactExport then answers only for the networks the person runs.
        app.MapGet("/animation/impact/echanges.csv", ImpactExport.ExchangesCsvAsync).RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/animation/impact/membres.csv", ImpactExport.MembersCsvAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }
}
