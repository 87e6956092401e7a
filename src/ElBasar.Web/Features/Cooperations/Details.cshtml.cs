using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>A cooperation's page: its description in the guide's headings, its partners, its contact; facilitators delete it here.</summary>
public sealed class CooperationDetailsModel(CooperationCatalog catalog) : PageModel
{
    public Cooperation Cooperation { get; private set; } = null!;
    public IReadOnlyList<Organization> Participants { get; private set; } = [];
    public CooperationStatus Status { get; private set; }
    public bool MayEdit { get; private set; }
    public bool MayDelete => CooperationCatalog.MayDelete(User);
    public bool ConfirmDelete { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? fait, string? supprimer, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } cooperation) return NotFound();
        Cooperation = cooperation;
        Participants = cooperation.Participants.Select(p => p.Organization!).Where(o => o.Status == OrganizationStatus.Active)
            .OrderBy(o => o.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true)).ToList();
        Status = CooperationCatalog.StatusOf(cooperation.StartsOn, cooperation.EndsOn, catalog.Today);
        MayEdit = await catalog.MayEditAsync(User, id, ct);
        ConfirmDelete = MayDelete && supprimer == "oui";
        Message = fait == "enregistree" ? "La coopération est enregistrée." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!MayDelete || await catalog.FindAsync(id, ct) is null) return NotFound();
        await catalog.DeleteAsync(id, ct);
        return Redirect("/cooperations");
    }
}
