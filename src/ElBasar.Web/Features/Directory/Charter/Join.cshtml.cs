using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Charter;

/// <summary>An owner makes the organisation a member of the network by accepting the charter in force; this year's fee is then due.</summary>
[Authorize]
public sealed class JoinModel(
    ElBasarDbContext db, HomeNetwork network, OrganizationAccess access, NetworkCharter charter, Membership.Memberships memberships) : PageModel
{
    public const string ChangedMeanwhile = "La charte a été modifiée pendant votre lecture : lisez la nouvelle version avant de l'accepter.";

    [BindProperty]
    [Range(typeof(bool), "true", "true", ErrorMessage = "Cochez la case pour accepter la charte.")]
    [Display(Name = "J'ai lu la charte et je l'accepte au nom de la structure")]
    public bool Accept { get; set; }

    [BindProperty] public int Version { get; set; }

    public string OrganizationName { get; private set; } = "";
    public bool AlreadyMember { get; private set; }
    public CharterVersion Current { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (AlreadyMember) return Redirect($"/structures/{id}");
        if (ModelState.IsValid && !await charter.AcceptAsync(id, OrganizationAccess.UserIdOf(User)!.Value, Version, ct))
            ModelState.AddModelError("", ChangedMeanwhile);
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            Version = Current.Version;
            return Page();
        }
        // Joining asks for this year's fee, which the facilitators record when it is paid.
        await memberships.RequestAsync(id, memberships.Today.Year, ct);
        return Redirect($"/structures/{id}");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId || !await access.IsOwnerAsync(userId, id, ct)) return false;
        if (await charter.CurrentAsync(ct) is not { } current) return false;
        Current = current;
        var homeId = await network.IdAsync(ct);
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        AlreadyMember = await db.NetworkMemberships.AnyAsync(m => m.OrganizationId == id && m.NetworkId == homeId && m.IsMember, ct);
        return true;
    }
}
