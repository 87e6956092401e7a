using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>
/// The steps after the upload: map each column to a field (guessed from the headers), preview what
/// each row will do (a dry run, nothing written), then import. The mapping travels in the form
/// (<c>c0</c>, <c>c1</c>…), the file stays in the database under its id.
/// </summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class PreviewModel(ElBasarDbContext db, MemberImport import, AuditLog audit) : PageModel
{
    public string FileName { get; private set; } = "";
    public Sheet Sheet { get; private set; } = null!;
    public MemberField[] Mapping { get; private set; } = [];
    public List<string> MappingProblems { get; } = [];
    public IReadOnlyList<PlannedRow>? Rows { get; private set; }
    public ImportCounts? Counts { get; private set; }
    public bool Imported { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? apercu, CancellationToken ct)
    {
        if (!await LoadAsync(id, Request.Query, ct)) return NotFound();
        if (apercu is not null && MappingIsUsable())
        {
            Rows = await import.PlanAsync(Sheet, Mapping, ct);
            Counts = MemberImport.Count(Rows);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, Request.Form, ct)) return NotFound();
        if (!MappingIsUsable()) return Page();
        var (counts, rows) = await import.ImportAsync(Sheet, Mapping, OrganizationAccess.UserIdOf(User)!.Value, ct);
        (Counts, Rows, Imported) = (counts, rows, true);
        await audit.RecordAsync(AuditActions.MembersImported, AuditSubjects.MemberImport, id.ToString(),
            $"« {FileName} » : {counts.Created} créées, {counts.Updated} mises à jour, {counts.Unchanged} inchangées, {counts.Errors} en erreur",
            counts, ct);
        return Page();
    }

    /// <summary>The first value of a column, to help choose its field.</summary>
    public string Example(int column) => Sheet.Rows.Select(r => r.Cell(column)).FirstOrDefault(v => v.Length > 0) ?? "";

    async Task<bool> LoadAsync(Guid id, IEnumerable<KeyValuePair<string, StringValues>> values, CancellationToken ct)
    {
        var file = await db.MemberImportFiles.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.FileName, f.Content }).SingleOrDefaultAsync(ct);
        if (file is null) return false;
        FileName = file.FileName;
        Sheet = SpreadsheetCsv.Read(file.Content);
        var chosen = values.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var guessed = MemberFields.Guess(Sheet.Headers);
        Mapping = Sheet.Headers.Select((_, i) => chosen.TryGetValue($"c{i}", out var v) && MemberFields.Parse(v) is { } field ? field : guessed[i]).ToArray();
        return true;
    }

    bool MappingIsUsable()
    {
        if (!Mapping.Contains(MemberField.Name)) MappingProblems.Add("Choisissez la colonne qui donne le nom de la structure.");
        foreach (var twice in Mapping.Where(f => f != MemberField.Ignore).GroupBy(f => f).Where(g => g.Count() > 1))
            MappingProblems.Add($"« {MemberFields.Label(twice.Key)} » est choisi pour plusieurs colonnes : gardez-en une seule.");
        return MappingProblems.Count == 0;
    }
}
