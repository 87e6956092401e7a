using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership.Import;

/// <summary>First step of a members' import: send the spreadsheet (CSV), kept in the database for the next steps.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
// Room for a file over the limit, so that it gets its French refusal rather than a failed request.
[RequestSizeLimit(4 * MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * MaxFileBytes)]
public sealed class UploadModel(ElBasarDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return Refuse("Choisissez le fichier CSV à importer.");
        if (file.Length > MaxFileBytes) return Refuse($"« {Path.GetFileName(file.FileName)} » dépasse 2 Mo : enregistrez-le en CSV sans mise en forme, ou coupez-le en plusieurs fichiers.");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        if (content.AsSpan().IndexOf((byte)0) >= 0 || content.AsSpan().StartsWith("PK"u8))
            return Refuse($"« {Path.GetFileName(file.FileName)} » n'est pas un fichier CSV : dans Excel, choisissez « Enregistrer sous » puis « CSV (séparateur : point-virgule) ».");
        var sheet = SpreadsheetCsv.Read(content);
        if (sheet.Rows.Count == 0) return Refuse("Le fichier ne contient aucune ligne sous la ligne des titres de colonnes.");
        if (sheet.Rows.Count > MemberImport.MaxRows) return Refuse($"Le fichier contient {sheet.Rows.Count} lignes : importez-en au plus {MemberImport.MaxRows} à la fois.");

        var now = clock.GetUtcNow().UtcDateTime;
        // Uploads are kept a day: long enough to fix a file and send it again, short enough not to pile up.
        await db.MemberImportFiles.Where(f => f.UploadedAt < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        var upload = new MemberImportFile
        {
            FileName = Truncate(Path.GetFileName(file.FileName), 200), Content = content, UploadedById = OrganizationAccess.UserIdOf(User), UploadedAt = now,
        };
        db.MemberImportFiles.Add(upload);
        await db.SaveChangesAsync(ct);
        return Redirect($"/animation/adhesions/import/{upload.Id}");
    }

    IActionResult Refuse(string problem)
    {
        Problem = problem;
        return Page();
    }

    static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
