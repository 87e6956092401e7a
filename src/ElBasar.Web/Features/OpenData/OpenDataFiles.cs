using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
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

    /// <summary>The organisations whose profile is public, with their public fields only; not the people acting on their own behalf.</summary>
    public static async Task<IResult> DirectoryCsvAsync(
        HttpContext http, ElBasarDbContext db, HomeNetwork network, Taxonomy taxonomy, OpenDataLicences licences, SiteLinks links, CancellationToken ct)
    {
        var networkId = await network.IdAsync(ct);
        var rows = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active && o.Kind == OrganizationKind.Organization)
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
        return csv.File("annuaire.csv");
    }

    public static Task<IResult> CommunesCsvAsync(HttpContext http, string? from, string? to, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "commune", from, to, statistics, licences, clock, ct);

    public static Task<IResult> EpcisCsvAsync(HttpContext http, string? from, string? to, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "epci", from, to, statistics, licences, clock, ct);

    public static Task<IResult> MonthsCsvAsync(HttpContext http, string? from, string? to, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct) =>
        ActivityCsvAsync(http, "month", from, to, statistics, licences, clock, ct);

    static async Task<IResult> ActivityCsvAsync(
        HttpContext http, string by, string? from, string? to, ActivityStatistics statistics, OpenDataLicences licences, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (ActivityPeriod.Parse(by, from, to, Today(clock), errors) is not { } parsed)
            return TypedResults.ValidationProblem(errors, title: "Période invalide");
        var (kind, period) = parsed;
        var lines = await statistics.ComputeAsync(kind, period, ct);
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
        var name = kind == ActivityBy.Month
            ? $"activite-mois-{ActivityPeriod.Text(period.FromMonth)}-{ActivityPeriod.Text(period.ToMonth)}.csv"
            : $"activite-{(kind == ActivityBy.Epci ? "epci" : "communes")}-{year}.csv";
        return csv.File(name);
    }

    static IEnumerable<string?> Figures(ActivityLine line) =>
    [
        line.Exchanges?.ToString(French), line.MarketExchanges?.ToString(French), line.MarketAmountEur?.ToString("0.00", French),
        line.NonMarketExchanges?.ToString(French), line.NonMarketHours?.ToString("0.##", French), line.Organizations?.ToString(French),
    ];

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));

    static void License(HttpContext http, Licence licence) => http.Response.Headers.Link = $"<{licence.Url}>; rel=\"license\"";
}
