using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// <c>/reseaux/{slug}/rejoindre</c>: an owner asks for one of their organisations to join the
/// network; a facilitator of that network accepts it on <c>/reseaux/{slug}/animation</c>.
/// </summary>
[Authorize]
public sealed class JoinModel(ElBasarDbContext db, OrganizationAccess access, NetworkFacilitation facilitation) : PageModel
{
    public Network Network { get; private set; } = null!;
    public IReadOnlyList<Choice> Organizations { get; private set; } = [];
    public string? Problem { get; private set; }

    public sealed record Choice(Guid Id, string Name, string State);

    [BindProperty] public Guid? OrganizationId { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (OrganizationId is not { } organizationId || Organizations.All(o => o.Id != organizationId))
            Problem = "Choisissez l'une de vos structures.";
        else Problem = await facilitation.RequestJoinAsync(OrganizationAccess.UserIdOf(User)!.Value, organizationId, Network.Id, ct);
        if (Problem is not null) return Page();
        TempData["Done"] = "Votre demande est envoyée : l'équipe d'animation du réseau l'examinera.";
        return Redirect($"/reseaux/{slug}/rejoindre");
    }

    async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        var network = await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug && !n.IsHome, ct);
        if (network is null) return false;
        Network = network;
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        var owned = (await access.OrganizationsOfAsync(userId, ct)).Where(o => o.Role == OrganizationRole.Owner).ToList();
        var ids = owned.Select(o => o.Id).ToList();
        var states = await db.NetworkMemberships.Where(m => m.NetworkId == network.Id && ids.Contains(m.OrganizationId))
            .ToDictionaryAsync(m => m.OrganizationId, m => m.IsMember, ct);
        Organizations = owned.Select(o => new Choice(o.Id, o.Name,
            states.TryGetValue(o.Id, out var member) ? member ? "membre" : "demande en attente" : "")).ToList();
        return true;
    }
}
