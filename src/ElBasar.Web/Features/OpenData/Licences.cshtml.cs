using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.OpenData;

/// <summary>The licence form's values and its refusals, keyed by field id.</summary>
public sealed class LicenceForm
{
    public string? FiguresLicence { get; set; }
    public string? DirectoryLicence { get; set; }
    public Dictionary<string, string> Errors { get; } = [];

    public static async Task<LicenceForm> CurrentAsync(OpenDataLicences licences, CancellationToken ct)
    {
        var current = await licences.CurrentAsync(ct);
        return new LicenceForm { FiguresLicence = current.Figures.Key, DirectoryLicence = current.Directory.Key };
    }
}

/// <summary>
/// The admins choose the licences of the open data; the form sits on <c>/admin/reglages</c> and posts here.
/// A refused choice (a key not offered) is shown here; a saved one goes back to the settings with their message.
/// </summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class LicencesModel(OpenDataLicences licences, AuditLog audit, ElBasarDbContext db) : PageModel
{
    [BindProperty] public string? FiguresLicence { get; set; }
    [BindProperty] public string? DirectoryLicence { get; set; }

    public LicenceForm Form { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Form = await LicenceForm.CurrentAsync(licences, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Form = new LicenceForm { FiguresLicence = FiguresLicence, DirectoryLicence = DirectoryLicence };
        var figures = OpenDataLicences.Find(FiguresLicence);
        var directory = OpenDataLicences.Find(DirectoryLicence);
        if (figures is null) Form.Errors["figures-licence"] = "Choisissez la licence des chiffres d'activité dans la liste.";
        if (directory is null) Form.Errors["directory-licence"] = "Choisissez la licence de l'annuaire dans la liste.";
        if (figures is null || directory is null) return Page();

        var before = await licences.CurrentAsync(ct);
        var changes = new List<string>();
        if (before.Figures != figures) changes.Add($"licence des chiffres « {before.Figures.Name} » → « {figures.Name} »");
        if (before.Directory != directory) changes.Add($"licence de l'annuaire « {before.Directory.Name} » → « {directory.Name} »");
        await licences.SetAsync(figures, directory, ct);
        if (changes.Count > 0)
            await audit.AddAsync(AuditActions.SettingsUpdated, AuditSubjects.Settings, null, $"Réglages modifiés : {string.Join(", ", changes)}.",
                new { figures = figures.Key, directory = directory.Key }, ct);
        await db.SaveChangesAsync(ct);
        // The settings page shows this message (its "Done").
        TempData["Done"] = changes.Count > 0 ? "Les licences des données ouvertes sont enregistrées." : "Rien n'a changé.";
        return Redirect("/admin/reglages");
    }
}
