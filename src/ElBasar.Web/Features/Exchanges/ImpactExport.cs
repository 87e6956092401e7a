using System.Globalization;
using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The dashboard's data as CSV for French Excel (semicolons, decimal commas, UTF-8 with a BOM, French
/// headers): the confirmed exchanges of the period, written as they are read so a large period never
/// sits in memory, and each member's activity in the period; of the whole installation or of one network, with its
/// partners or not (<see cref="ImpactScope"/>), for whoever runs them: a request for a network the person does not run
/// is answered 404, as if it were not there.
/// </summary>
public static class ImpactExport
{
    public static readonly string[] ExchangeHeaders =
    [
        "Identifiant", "Date", "Déclarant", "Autre partie", "Mode", "Marchand", "Catégorie", "Description", "Montant (€)", "Heures",
        "Valeur estimée (€)", "Jours de prêt", "Confirmé le", "Confirmé par l'animation", "Distance (km)", "Département du déclarant",
        "Département de l'autre partie", "Première fois entre eux",
    ];

    public static readonly string[] MemberHeaders =
    [
        "Identifiant", "Structure", "Forme juridique", "Commune", "Courriel", "Téléphone", "Échanges confirmés", "Annonces publiées",
        "Messages envoyés", "Dernier échange", "Dernière annonce", "Dernier message", "Dernier contact de l'animation",
    ];

    static readonly CultureInfo French = WebModule.French;

    public static async Task ExchangesCsvAsync(HttpContext context, string? from, string? to, ElBasarDbContext db, ImpactScopes scopes, Taxonomy taxonomy,
        TimeProvider clock, CancellationToken ct)
    {
        if (await PeriodAsync(context, from, to, clock) is not { } period || await ScopeAsync(context, scopes, ct) is not { } scope) return;
        var organizations = db.Organizations;
        var rows = scope.Filter(db.Exchanges.AsNoTracking()
            .Where(e => e.Status == ExchangeStatus.Confirmed && e.Date >= period.From && e.Date <= period.To), db)
            .OrderBy(e => e.Date).ThenBy(e => e.CreatedAt)
            .Select(e => new
            {
                e.Id, e.Date, From = organizations.Where(o => o.Id == e.FromOrganizationId).Select(o => o.Name).FirstOrDefault(),
                To = organizations.Where(o => o.Id == e.ToOrganizationId).Select(o => o.Name).FirstOrDefault(),
                e.Mode, e.Market, e.Category, e.Description, e.AmountCents, e.Minutes, e.EstimatedValueCents, e.Days, e.ConfirmedAt,
                e.ConfirmedByFacilitator, e.DistanceKm, e.FromDepartement, e.ToDepartement, e.FirstOfPair,
            })
            .AsAsyncEnumerable();
        await using var writer = await StartAsync(context, $"echanges-{scope.FileTag}-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.csv".Replace('/', '-'));
        await LineAsync(writer, ExchangeHeaders);
        await foreach (var e in rows.WithCancellation(ct))
            await LineAsync(writer,
            [
                e.Id.ToString(), Iso(e.Date), e.From ?? "", e.To ?? "", taxonomy.ModeLabel(e.Mode), e.Market ? "oui" : "non", taxonomy.CategoryLabel(e.Category),
                e.Description, Euros(e.AmountCents), e.Minutes is { } m ? (m / 60m).ToString("0.##", French) : "", Euros(e.EstimatedValueCents),
                e.Days?.ToString(French) ?? "", e.ConfirmedAt is { } at ? Display.ToParis(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "",
                e.ConfirmedByFacilitator ? "oui" : "non", e.DistanceKm?.ToString("0.##", French) ?? "", e.FromDepartement ?? "", e.ToDepartement ?? "",
                e.FirstOfPair ? "oui" : "non",
            ]);
    }

    public static async Task MembersCsvAsync(HttpContext context, string? from, string? to, MemberActivity activity, ImpactScopes scopes, TimeProvider clock,
        Taxonomy taxonomy, CancellationToken ct)
    {
        if (await PeriodAsync(context, from, to, clock) is not { } period || await ScopeAsync(context, scopes, ct) is not { } scope) return;
        var members = await activity.MembersAsync(period, scope, ct);
        await using var writer = await StartAsync(context, $"membres-{scope.FileTag}-{period.From:yyyy-MM-dd}-{period.To:yyyy-MM-dd}.csv".Replace('/', '-'));
        await LineAsync(writer, MemberHeaders);
        foreach (var m in members)
            await LineAsync(writer,
            [
                m.Id.ToString(), m.Name, taxonomy.LegalFormLabel(m.LegalForm), m.Commune ?? "", m.Email ?? "", m.Phone ?? "",
                m.ExchangesConfirmed.ToString(French), m.ListingsPublished.ToString(French), m.MessagesSent.ToString(French),
                Iso(m.LastExchange), Iso(m.LastListing), Iso(m.LastMessage), Iso(m.LastContact),
            ]);
    }

    static async Task<ImpactPeriod?> PeriodAsync(HttpContext context, string? from, string? to, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));
        if (ImpactPeriod.Parse(from, to, today, errors) is { } period) return period;
        await PlainAsync(context, StatusCodes.Status400BadRequest, string.Join("\n", errors.SelectMany(e => e.Value)));
        return null;
    }

    /// <summary>The scope asked (<c>?reseau=&amp;partenaires=</c>), else the dashboard's default; null once the answer is written.</summary>
    static async Task<ImpactScope?> ScopeAsync(HttpContext context, ImpactScopes scopes, CancellationToken ct)
    {
        var networks = await scopes.NetworksAsync(ct);
        var run = await scopes.RunByAsync(context.User, networks, ct);
        var (asked, unknown) = await scopes.AskedAsync(context.Request, networks, ct);
        if (unknown)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, "Ce réseau n'existe pas : « reseau » est l'adresse courte d'un réseau de l'installation, ou vide pour toute l'installation.");
            return null;
        }
        if (run.Count == 0)
        {
            await context.ForbidAsync();
            return null;
        }
        if (asked is not null && !ImpactScopes.MaySeeDetails(asked, run, networks))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        return asked ?? await scopes.DetailsDefaultAsync(context, run, networks, ct);
    }

    static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text);
    }

    static async Task<StreamWriter> StartAsync(HttpContext context, string name)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
        await writer.FlushAsync();
        return writer;
    }

    static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    static string Euros(long? cents) => cents is { } c ? (c / 100m).ToString("0.00", French) : "";

    static Task LineAsync(StreamWriter writer, IEnumerable<string> cells) => writer.WriteAsync(string.Join(';', cells.Select(Cell)) + "\r\n");

    // Quoted when needed (RFC 4180); a leading = + - @ is defused so a spreadsheet never runs what someone typed.
    static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
