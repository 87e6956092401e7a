namespace ElBasar.Web.Features.Membership;

public static class MembershipModule
{
    public static IServiceCollection AddMembership(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection(MembershipOptions.Section))
            .Validate(o => o.PollMinutes is >= 1 and <= 1440, "Membership:PollMinutes must be between 1 and 1440.")
            .Validate(o => o.ListingPriceEur >= 0 && o.FeaturePriceEur >= 0, "Membership:ListingPriceEur and FeaturePriceEur cannot be negative.")
            .ValidateOnStart();
        services.AddScoped<Memberships>();
        services.AddScoped<Payments>();
        services.AddScoped<Import.MemberImport>();
        services.AddScoped<Directory.Merge.IOrganizationMergeStep, MembershipMergeStep>();
        services.AddScoped<Listings.Publishing.IListingCharges, ListingCharges>();
        services.AddSingleton<IPaymentProvider, ManualPaymentProvider>();
        services.AddScoped<Infrastructure.Web.IBackOfficeSource, MembershipBackOffice>();
        services.AddSingleton<MembershipJob>();
        services.AddHostedService(sp => sp.GetRequiredService<MembershipJob>());
        return services;
    }

    public static IEndpointRouteBuilder MapMembership(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/organizations/{id:guid}/membership", MembershipApi.GetAsync).RequireAuthorization().WithTags("Memberships")
            .WithSummary("The organisation's membership today: status, tier, fee, end of validity. For its people and the facilitators.");
        app.MapGet("/animation/adhesions.csv", MembershipExport.CsvAsync).RequireAuthorization(Accounts.AccountPolicies.Staff).ExcludeFromDescription();
        return app;
    }
}
