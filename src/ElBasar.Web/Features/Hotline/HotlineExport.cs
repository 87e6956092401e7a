using System.Globalization;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>
/// The requests as CSV for French Excel (semicolons, UTF-8 with a BOM, French headers): the network
/// counts its facilitators' hours from it for its European Social Fund reporting.
/// </summary>
public static class HotlineExport
{
    public static readonly string[] Headers =
    [
        "Reçue le", "Demandeur", "Courriel", "Compte", "Commune", "Urgence", "Demande", "Suivie par", "État", "Clôturée le",
        "Suggestions", "Mises en relation", "Temps passé (minutes)", "Temps passé (heures)",
    ];

    public static async Task<IResult> CsvAsync(ElBasarDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var entries = db.HotlineEntries;
        var rows = await db.HotlineRequests.AsNoTracking().OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                r.CreatedAt, r.Name, r.Email, HasAccount = r.RequesterId != null, r.Commune, r.Urgency, r.What, r.Status, r.ClosedAt,
                AssignedTo = db.Set<User>().Where(u => u.Id == r.AssignedToId).Select(u => u.DisplayName).FirstOrDefault(),
                Suggestions = entries.Count(e => e.RequestId == r.Id && e.Kind == HotlineEntryKind.Suggestion),
                Introductions = entries.Count(e => e.RequestId == r.Id && e.Kind == HotlineEntryKind.Introduction),
                Minutes = entries.Where(e => e.RequestId == r.Id).Sum(e => e.Minutes),
            })
            .ToListAsync(ct);
        var csv = new ExcelCsv().Line(Headers);
        var french = WebModule.French;
        foreach (var r in rows)
            csv.Line(
            [
                Stamp(r.CreatedAt), r.Name, r.Email ?? "", r.HasAccount ? "oui" : "non", r.Commune ?? "", HotlineLabels.Of(r.Urgency), r.What,
                r.AssignedTo ?? "", HotlineLabels.Of(r.Status), r.ClosedAt is { } closed ? Stamp(closed) : "",
                r.Suggestions.ToString(french), r.Introductions.ToString(french), r.Minutes.ToString(french),
                (r.Minutes / 60m).ToString("0.##", french),
            ]);
        return csv.File($"demandes-{Display.IsoDate(clock.GetUtcNow().UtcDateTime)}.csv");
    }

    static string Stamp(DateTime utc) => Display.ToParis(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
