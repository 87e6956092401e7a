using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// The open data files, as the project's other CSV: semicolons, decimal commas, UTF-8 with a BOM
/// (<see cref="ExcelCsv"/>), one header line of the dictionary's column names (<see cref="Datasets"/>).
/// The licence travels in an HTTP <c>Link: &lt;…&gt;; rel="license"</c> header, which CSV readers never see.
/// </summary>
public static class OpenDataFiles
{
    static readonly CultureInfo French = WebModule.French;

    /// <summary>
    /// The organisations whose profile is public, with their public fields only; not the people acting on their own behalf.
    /// For a network (<c>?reseau=</c>): those in its <c>network_memberships</c>, members or asking to join, and
    /// <c>membre_du_reseau</c> says whether they are its members; else every one, and whether they are the home network's.
    /// </summary>
    public static async Task<IResult> DirectoryCsvAsync(HttpContext http, ElBasarDbContext db, OpenDataScopes scopes, HomeNetwork home, Taxonomy taxonomy,
        OpenDataLicences licences, SiteLinks links, CancellationToken ct)
    {
        if (await scopes.ReadAsync(http.Request, ct) is not { } scope) return UnknownNetwork([]);
        var networkId = scope.Network?.Id ?? await home.IdAsync(ct);
        var rows = await Published(db, scope)
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Name, o.LegalForm, o.Commune, o.CommuneInsee, o.PostalCode,
                Website = o.WebsiteVisibility == ContactVisibility.Public ? o.Website : null,
                Activities = o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList(),
                Member = o.Networks.Any(m => m.NetworkId == networkId && m.IsMember),
                o.Latitude, o.Longitude,
            })
            .ToListAsync(ct);
        var csv = new ExcelCsv().Line(Datasets.Directory.Columns.Select(c => c.Name));
        foreach (var o in rows)
            csv.Line(
            [
                o.Id.ToString(), o.Name, o.LegalForm is null ? "" : taxonomy.LegalFormLabel(o.LegalForm), o.Commune, o.CommuneInsee, o.PostalCode,
                o.Website, string.Join(" | ", o.Activities), o.Member ? "oui" : "non",
                o.Latitude?.ToString("0.######", French), o.Longitude?.ToString("0.######", French), $"{links.BaseUrl}/structures/{o.Id}",
            ]);
        License(http, (await licences.CurrentAsync(ct)).Directory);
        return csv.File($"annuaire{OpenDataScopes.FileTag(scope)}.csv");
    }

    /// <summary>The organisations the directory of <paramref name="scope"/> lists: public profiles of organisations, of the network when there is one.</summary>
    public static IQueryable<Organization> Published(ElBasarDbContext db, ImpactScope scope)
    {
        var organizations = db.Organizations.AsNoTracking().Where(o => o.Status == OrganizationStatus.Active && o.Kind == OrganizationKind.Organization);
        if (scope.Network is not { } network) return organizations;
        return organizations.Where(o => o.Networks.Any(m => m.NetworkId == network.Id));
    }

    public static Task<IResult> CommunesCsvAsync(HttpContext http, string? from, string? to, OpenDataScopes scopes, ActivityStatistics statistics, OpenDataLicences licences,
        TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "commune", from, to, scopes, statistics, licences, clock, ct);

    public static Task<IResult> EpcisCsvAsync(HttpContext http, string? from, string? to, OpenDataScopes scopes, ActivityStatistics statistics, OpenDataLicences licences,
        TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "epci", from, to, scopes, statistics, licences, clock, ct);

    public static Task<IResult> MonthsCsvAsync(HttpContext http, string? from, string? to, OpenDataScopes scopes, ActivityStatistics statistics, OpenDataLicences licences,
        TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "month", from, to, scopes, statistics, licences, clock, ct);

    static async Task<IResult> ActivityCsvAsync(HttpContext http, string by, string? from, string? to, OpenDataScopes scopes, ActivityStatistics statistics,
        OpenDataLicences licences, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = ActivityPeriod.Parse(by, from, to, Today(clock), errors);
        if (await scopes.ReadAsync(http.Request, ct) is not { } scope) return UnknownNetwork(errors);
        if (parsed is not { } asked) return TypedResults.ValidationProblem(errors, title: "Période invalide");
        var (kind, period) = asked;
        var lines = await statistics.ComputeAsync(kind, period, scope, ct);
        var dataset = Datasets.Of(kind);
        var csv = new ExcelCsv().Line(dataset.Columns.Select(c => c.Name));
        var year = (period.FromMonth / 100).ToString(CultureInfo.InvariantCulture);
        foreach (var line in lines)
        {
            IEnumerable<string?> place = kind switch
            {
                ActivityBy.Commune => [line.Key, line.Label, statistics.EpciOf(line.Key), statistics.DepartementOf(line.Key), year],
                ActivityBy.Epci => [line.Key, line.Label, year],
                _ => [line.Key],
            };
            csv.Line(place.Concat(Figures(line)));
        }
        License(http, (await licences.CurrentAsync(ct)).Figures);
        var tag = OpenDataScopes.FileTag(scope);
        var name = kind == ActivityBy.Month
            ? $"activite-mois{tag}-{ActivityPeriod.Text(period.FromMonth)}-{ActivityPeriod.Text(period.ToMonth)}.csv"
            : $"activite-{(kind == ActivityBy.Epci ? "epci" : "communes")}{tag}-{year}.csv";
        return csv.File(name);
    }

    /// <summary>A 400 problem naming <c>reseau</c> (with any other parameter found wrong), in French.</summary>
    public static ValidationProblem UnknownNetwork(Dictionary<string, string[]> errors)
    {
        var title = errors.Count == 0 ? "Réseau inconnu" : "Paramètres invalides";
        errors[OpenDataScopes.Key] = [OpenDataScopes.UnknownMessage];
        return TypedResults.ValidationProblem(errors, title: title);
    }

    static IEnumerable<string?> Figures(ActivityLine line) =>
    [
        line.Exchanges?.ToString(French), line.MarketExchanges?.ToString(French), line.MarketAmountEur?.ToString("0.00", French),
        line.NonMarketExchanges?.ToString(French), line.NonMarketHours?.ToString("0.##", French), line.Organizations?.ToString(French),
    ];

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));

    static void License(HttpContext http, Licence licence) => http.Response.Headers.Link = $"<{licence.Url}>; rel=\"license\"";
}
