using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Audit;

/// <summary>The audit log, newest first, filtered by person, action, subject, dates and words; paged, and as CSV.</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class JournalModel(ElBasarDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "")] public JournalFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public Dictionary<string, string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Errors = Filter.Check();
        if (Errors.ContainsKey("du")) Filter.Du = null;
        if (Errors.ContainsKey("au")) Filter.Au = null;
        var entries = Filter.Apply(db).AsNoTracking();
        Total = await entries.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        People = (await db.Set<AuditEntry>().Where(e => e.ActorId != null)
                .GroupBy(e => e.ActorId!.Value).Select(g => new { Id = g.Key, Name = g.Max(e => e.ActorName) }).ToListAsync(ct))
            .Select(p => (p.Id, Name: p.Name ?? AuditLog.SystemName)).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
    }

    /// <summary><c>/admin/journal.csv</c>: the filtered lines, for French Excel.</summary>
    public static async Task<IResult> CsvAsync([AsParameters] JournalFilter filter, ElBasarDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = filter.Check();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        var csv = new ExcelCsv().Line(["Date", "Personne", "Action", "Sujet", "Identifiant", "Résumé"]);
        foreach (var e in await filter.Apply(db).AsNoTracking().OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(ct))
            csv.Line([Display.ToParis(e.At).ToString("dd/MM/yyyy HH:mm", WebModule.French), e.ActorName, AuditActions.Label(e.Action),
                AuditSubjects.Label(e.SubjectKind), e.SubjectId, e.Summary]);
        return csv.File($"journal-{Display.IsoDate(clock.GetUtcNow().UtcDateTime)}.csv");
    }
}
