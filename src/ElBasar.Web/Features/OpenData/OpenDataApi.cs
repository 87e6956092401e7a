using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// The activity figures of the open data, with the same statistical secret as the CSV files: a null is a hidden figure.
/// <see cref="Network"/> is the slug of the network asked for, null for the whole installation.
/// </summary>
public sealed record OpenActivity(
    string By, string From, string To, string Licence, string LicenceUrl, int MinExchanges, int MinOrganizations, IReadOnlyList<ActivityLine> Lines,
    string? Network);

/// <summary><c>GET /api/v1/open-data/activity?by=commune|epci|month&amp;from=YYYY-MM&amp;to=YYYY-MM&amp;reseau=slug</c>, for everyone.</summary>
public static class OpenDataApi
{
    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/open-data/activity", ActivityAsync).WithTags("OpenData").AllowAnonymous()
            .WithSummary("Confirmed exchanges by commune, EPCI or month, with the statistical secret; ?reseau=slug for one network's (a party member of it).");
        return app;
    }

    static async Task<Results<Ok<OpenActivity>, ValidationProblem>> ActivityAsync(HttpRequest request, string? by, string? from, string? to,
        OpenDataScopes scopes, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = ActivityPeriod.Parse(by, from, to, OpenDataFiles.Today(clock), errors);
        if (await scopes.ReadAsync(request, ct) is not { } scope) return OpenDataFiles.UnknownNetwork(errors);
        if (parsed is not { } asked) return TypedResults.ValidationProblem(errors, title: "Paramètres invalides");
        var (kind, period) = asked;
        var licence = (await licences.CurrentAsync(ct)).Figures;
        return TypedResults.Ok(new OpenActivity(
            kind.ToString().ToLowerInvariant(), ActivityPeriod.Text(period.FromMonth), ActivityPeriod.Text(period.ToMonth), licence.Name, licence.Url,
            StatisticalSecret.MinExchanges, StatisticalSecret.MinOrganizations, await statistics.ComputeAsync(kind, period, scope, ct), scope.Network?.Slug));
    }
}
