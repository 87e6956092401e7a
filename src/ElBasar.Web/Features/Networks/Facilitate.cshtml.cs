using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// <c>/reseaux/{slug}/animation</c>, for the network's facilitators (and the installation's
/// admins): accept the organisations that asked to join; propose, accept, decline and end
/// partnerships with the other networks. Anyone else gets 404.
/// </summary>
[Authorize]
public sealed class FacilitateModel(ElBasarDbContext db, NetworkFacilitation facilitation) : PageModel
{
    public Network Network { get; private set; } = null!;
    public IReadOnlyList<NetworkFacilitation.OrganizationRow> Requests { get; private set; } = [];
    public IReadOnlyList<NetworkFacilitation.PartnershipRow> Partnerships { get; private set; } = [];
    public IReadOnlyList<NetworkRef> Others { get; private set; } = [];
    public string? Problem { get; private set; }

    [BindProperty] public Guid? PartnerNetworkId { get; set; }
    [BindProperty] public bool ShareListings { get; set; } = true;
    [BindProperty] public bool ShareItems { get; set; }
    [BindProperty] public bool ShareEvents { get; set; }
    [BindProperty] public string Direction { get; set; } = "both";
    [BindProperty] public string Audience { get; set; } = "members";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcceptAsync(string slug, Guid organizationId, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (!await facilitation.AcceptAsync(Network.Id, organizationId, ct)) return NotFound();
        return Done(slug, "L'adhésion est acceptée : la structure est membre du réseau.");
    }

    public async Task<IActionResult> OnPostProposeAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        if (PartnerNetworkId is not { } partner) Problem = "Choisissez le réseau partenaire.";
        else if (!Slug.TryParse<PartnershipDirection>(Direction, out var direction)) Problem = "Choisissez dans quel sens se fait le partage.";
        else if (!Slug.TryParse<PartnershipAudience>(Audience, out var audience)) Problem = "Choisissez pour qui se fait le partage.";
        else Problem = await facilitation.ProposeAsync(Network.Id,
            new NetworkFacilitation.Proposal(partner, ShareListings, ShareItems, ShareEvents, direction, audience), ct);
        if (Problem is not null) return Page();
        return Done(slug, "Le partenariat est proposé : il prendra effet quand l'équipe d'animation de l'autre réseau l'aura accepté.");
    }

    public async Task<IActionResult> OnPostDecideAsync(string slug, Guid id, bool accept, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct) || !await facilitation.DecideAsync(User, id, accept, ct)) return NotFound();
        return Done(slug, accept ? "Le partenariat est accepté : il est en vigueur." : "Le partenariat est refusé.");
    }

    public async Task<IActionResult> OnPostEndAsync(string slug, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct) || !await facilitation.EndAsync(User, id, ct)) return NotFound();
        return Done(slug, "Le partenariat a pris fin : plus rien n'est partagé à ce titre.");
    }

    IActionResult Done(string slug, string message)
    {
        TempData["Done"] = message;
        return Redirect($"/reseaux/{slug}/animation");
    }

    async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await facilitation.RunAsync(User, slug, ct) is not { } network) return false;
        Network = network;
        // The home network's members join through its charter (/structures/{id}/adhesion).
        Requests = network.IsHome ? [] : (await facilitation.OrganizationsAsync(network.Id, ct)).Where(o => !o.IsMember).ToList();
        Partnerships = await facilitation.PartnershipsAsync(network.Id, ct);
        Others = await db.Networks.AsNoTracking().Where(n => n.Id != network.Id).OrderBy(n => n.Name)
            .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToListAsync(ct);
        return true;
    }
}
