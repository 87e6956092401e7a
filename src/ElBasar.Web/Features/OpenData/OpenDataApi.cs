using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.OpenData;

/// <summary>The activity figures of the open data, with the same statistical secret as the CSV files: a null is a hidden figure.</summary>
public sealed record OpenActivity(
    string By, string From, string To, string Licence, string LicenceUrl, int MinExchanges, int MinOrganizations, IReadOnlyList<ActivityLine> Lines);

/// <summary><c>GET /api/v1/open-data/activity?by=commune|epci|month&amp;from=YYYY-MM&amp;to=YYYY-MM</c>, for everyone.</summary>
public static class OpenDataApi
{
    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/open-data/activity", ActivityAsync).WithTags("OpenData").AllowAnonymous();
        return app;
    }

    static async Task<Results<Ok<OpenActivity>, ValidationProblem>> ActivityAsync(
        string? by, string? from, string? to, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (ActivityPeriod.Parse(by, from, to, OpenDataFiles.Today(clock), errors) is not { } parsed)
            return TypedResults.ValidationProblem(errors, title: "Paramètres invalides");
        var (kind, period) = parsed;
        var licence = (await licences.CurrentAsync(ct)).Figures;
        return TypedResults.Ok(new OpenActivity(
            kind.ToString().ToLowerInvariant(), ActivityPeriod.Text(period.FromMonth), ActivityPeriod.Text(period.ToMonth), licence.Name, licence.Url,
            StatisticalSecret.MinExchanges, StatisticalSecret.MinOrganizations, await statistics.ComputeAsync(kind, period, ct)));
    }
}
