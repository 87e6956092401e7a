using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Charter;

/// <summary>The admins rewrite the charter: each save publishes a new version; accepted versions stay as they were.</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class AdminModel(ElBasarDbContext db, NetworkCharter charter) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "La charte ne peut pas être vide.")]
    [StringLength(CharterVersion.MaxTextLength, ErrorMessage = "La charte doit faire au plus 20 000 caractères.")]
    [Display(Name = "Texte de la charte")]
    public string Text { get; set; } = "";

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public sealed record VersionRow(int Version, DateTime PublishedAt, int Acceptances);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Text = (await charter.CurrentAsync(ct))?.Text ?? "";
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await charter.CurrentAsync(ct);
        if (ModelState.IsValid && current is not null && Normalize(current.Text) == Normalize(Text))
            ModelState.AddModelError(nameof(Text), "Le texte n'a pas changé : aucune nouvelle version n'a été publiée.");
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            await LoadAsync(ct);
            return Page();
        }
        await charter.PublishAsync(Normalize(Text), OrganizationAccess.UserIdOf(User), ct);
        return Redirect("/admin/charte");
    }

    // Browsers post line breaks as CRLF; the charter keeps LF, so an untouched text compares equal.
    static string Normalize(string text) => text.Replace("\r\n", "\n").Trim();

    async Task LoadAsync(CancellationToken ct)
    {
        var counts = await db.CharterAcceptances.GroupBy(a => a.CharterVersion).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Versions = (await db.CharterVersions.AsNoTracking().OrderByDescending(v => v.Version)
                .Select(v => new { v.Version, v.PublishedAt }).ToListAsync(ct))
            .Select(v => new VersionRow(v.Version, v.PublishedAt, counts.FirstOrDefault(c => c.Key == v.Version)?.Count ?? 0))
            .ToList();
    }
}
