using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks.Admin;

/// <summary><c>/admin/reseaux/{id}</c>: a network's name, colours, texts, host name and widest visibility, and its facilitators.</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class EditModel(ElBasarDbContext db, NetworkCatalog catalog) : PageModel
{
    public Network Network { get; private set; } = null!;
    public IReadOnlyList<NetworkCatalog.FacilitatorRow> Facilitators { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];

    [BindProperty] public NetworkFields Fields { get; set; } = new();
    [BindProperty] public string? FacilitatorEmail { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Fields = NetworkFields.From(Network);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = await catalog.UpdateAsync(id, Fields, ct);
        if (errors is { Count: > 0 })
        {
            Errors = errors;
            return Page();
        }
        return Done(id, "Le réseau est enregistré.");
    }

    public async Task<IActionResult> OnPostAddFacilitatorAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await catalog.AddFacilitatorAsync(id, FacilitatorEmail, ct) is { } problem)
        {
            Errors["facilitator-email"] = problem;
            Fields = NetworkFields.From(Network);
            return Page();
        }
        return Done(id, "La personne anime désormais le réseau.");
    }

    public async Task<IActionResult> OnPostRemoveFacilitatorAsync(Guid id, Guid userId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await catalog.RemoveFacilitatorAsync(id, userId, ct);
        return Done(id, "La personne n'anime plus le réseau.");
    }

    IActionResult Done(Guid id, string message)
    {
        TempData["Done"] = message;
        return Redirect($"/admin/reseaux/{id}");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) is not { } network) return false;
        Network = network;
        Facilitators = await catalog.FacilitatorsAsync(id, ct);
        return true;
    }
}
