using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// <c>/reseaux/{slug}</c> (and <c>/</c> on the network's own host name): its name, logo and colours,
/// its charter, its live listings and those its partners share with it, within the visibility
/// rules, each marked with the network it comes from, and its member organisations.
/// </summary>
public sealed class HomeModel(ElBasarDbContext db, NetworkAudiences audiences, NetworkFacilitation facilitation, TimeProvider clock) : PageModel
{
    const int Shown = 30;

    public Network Network { get; private set; } = null!;
    public IReadOnlyList<NetworkListing> Listings { get; private set; } = [];
    public IReadOnlyList<NetworkFacilitation.OrganizationRow> Members { get; private set; } = [];
    public bool IsFacilitator { get; private set; }
    public NetworkLogoInfo? Logo { get; private set; }

    public sealed record NetworkListing(Guid Id, string Kind, string Title, string Category, string OrganizationName, string? Commune, DateTime CreatedAt, Guid NetworkId, string NetworkName);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var network = await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug, ct);
        if (network is null) return NotFound();
        // The home network has one home page, at the site's root.
        if (network.IsHome) return Redirect("/");
        Network = network;
        Logo = await NetworkLogos.FindAsync(db, network.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var audience = await audiences.OnAsync(User, network.Id, ct);
        var names = await db.Networks.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        var live = audience.Filter(db.Listings.AsNoTracking())
            .Where(l => l.Status == ListingStatus.Published && (l.ExpiresAt == null || l.ExpiresAt > now)
                        && l.Organization!.Status == OrganizationStatus.Active);
        Listings = (await live.OrderByDescending(l => l.CreatedAt).Take(Shown)
                .Select(l => new { l.Id, l.Kind, l.Title, l.Category, Organization = l.Organization!.Name, l.Commune, l.CreatedAt, l.NetworkId })
                .ToListAsync(ct))
            .Select(l => new NetworkListing(l.Id, l.Kind == ListingKind.Offer ? "offer" : "demand", l.Title, l.Category, l.Organization, l.Commune,
                l.CreatedAt, l.NetworkId, names[l.NetworkId]))
            .ToList();
        Members = (await facilitation.OrganizationsAsync(network.Id, ct)).Where(o => o.IsMember).ToList();
        IsFacilitator = await facilitation.IsFacilitatorAsync(User, network.Id, ct);
        return Page();
    }
}
