using System.Globalization;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Administration.Audit;

/// <summary>
/// The journal's filters, as the query string carries them (<c>personne</c>, <c>action</c>,
/// <c>sujet</c>, <c>du</c>, <c>au</c>, <c>texte</c>); shared by the page and its CSV. Dates are
/// days in Paris time, both included.
/// </summary>
public sealed class JournalFilter
{
    public Guid? Personne { get; set; }
    public string? Action { get; set; }
    public string? Sujet { get; set; }
    public string? Du { get; set; }
    public string? Au { get; set; }
    public string? Texte { get; set; }

    /// <summary>The French problems with the filters, by field id; the filters with a problem are left out.</summary>
    public Dictionary<string, string> Check()
    {
        var errors = new Dictionary<string, string>();
        if (Du is { Length: > 0 } && Day(Du) is null) errors["du"] = "La date de début doit être une date, par exemple 2026-03-01.";
        if (Au is { Length: > 0 } && Day(Au) is null) errors["au"] = "La date de fin doit être une date, par exemple 2026-03-31.";
        if (Day(Du) is { } from && Day(Au) is { } to && to < from) errors["au"] = "La date de fin doit venir après la date de début.";
        return errors;
    }

    public IQueryable<AuditEntry> Apply(ElBasarDbContext db)
    {
        var entries = db.Set<AuditEntry>().AsQueryable();
        if (Personne is { } actor) entries = entries.Where(e => e.ActorId == actor);
        if (Action is { Length: > 0 } action) entries = entries.Where(e => e.Action == action);
        if (Sujet is { Length: > 0 } kind) entries = entries.Where(e => e.SubjectKind == kind);
        if (Day(Du) is { } from)
        {
            var start = Display.FromParis(from.ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.At >= start);
        }
        if (Day(Au) is { } to && (Day(Du) is not { } f || to >= f))
        {
            var end = Display.FromParis(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            entries = entries.Where(e => e.At < end);
        }
        if (Texte?.Trim() is { Length: > 0 } text)
        {
            var lower = text.ToLowerInvariant();
            entries = entries.Where(e => e.Summary.ToLower().Contains(lower) || e.ActorName.ToLower().Contains(lower));
        }
        return entries;
    }

    /// <summary>The filters as a query string, for links to other pages and the CSV.</summary>
    public string QueryString(params (string Key, string? Value)[] more)
    {
        var pairs = new List<(string, string?)>
        {
            ("personne", Personne?.ToString()), ("action", Action), ("sujet", Sujet), ("du", Du), ("au", Au), ("texte", Texte),
        };
        pairs.AddRange(more);
        var kept = pairs.Where(p => p.Item2 is { Length: > 0 }).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}").ToList();
        return kept.Count > 0 ? "?" + string.Join('&', kept) : "";
    }

    static DateOnly? Day(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
