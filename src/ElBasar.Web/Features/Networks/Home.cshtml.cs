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
/// rules, each marked with the network it comes from, a page at a time (<c>?page=</c>); the
/// lending items its partners share with it, its calendar's next events, and its member organisations.
/// </summary>
public sealed class HomeModel(
    ElBasarDbContext db, NetworkAudiences audiences, NetworkFacilitation facilitation, Events.EventCatalog events, TimeProvider clock) : PageModel
{
    /// <summary>Listings shown per page: a network may have tens of thousands.</summary>
    public const int ListingsPageSize = 30;

    /// <summary>Shared items and next events shown: a glimpse, the catalogue and the calendar have the rest.</summary>
    const int Glimpse = 6;

    public Network Network { get; private set; } = null!;
    public IReadOnlyList<NetworkListing> Listings { get; private set; } = [];

    /// <summary>How many live listings the page lists, on every page.</summary>
    public int ListingCount { get; private set; }

    /// <summary>The page of listings shown (<c>?page=</c>), from 1.</summary>
    public int ListingsPage { get; private set; } = 1;

    public int ListingsPageCount => Math.Max(1, (ListingCount + ListingsPageSize - 1) / ListingsPageSize);

    public string ListingsPageUrl(int page) => page <= 1 ? $"/reseaux/{Network.Slug}#annonces" : $"/reseaux/{Network.Slug}?page={page}#annonces";

    /// <summary>Lending items partners share with this network, that this reader may see.</summary>
    public IReadOnlyList<SharedItem> SharedItems { get; private set; } = [];

    /// <summary>The next events of its calendar: its own and those its partners share with it.</summary>
    public IReadOnlyList<Events.EventCatalog.Summary> UpcomingEvents { get; private set; } = [];
    public IReadOnlyList<NetworkFacilitation.OrganizationRow> Members { get; private set; } = [];
    public bool IsFacilitator { get; private set; }
    public NetworkLogoInfo? Logo { get; private set; }

    public sealed record SharedItem(Guid Id, string Title, string Lender, string NetworkName);

    public sealed record NetworkListing(Guid Id, string Kind, string Title, string Category, string OrganizationName, string? Commune, DateTime CreatedAt, Guid NetworkId, string NetworkName);

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, CancellationToken ct)
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
        ListingCount = await live.CountAsync(ct);
        ListingsPage = Math.Clamp(page ?? 1, 1, ListingsPageCount);
        Listings = (await live.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id).Skip((ListingsPage - 1) * ListingsPageSize).Take(ListingsPageSize)
                .Select(l => new { l.Id, l.Kind, l.Title, l.Category, Organization = l.Organization!.Name, l.Commune, l.CreatedAt, l.NetworkId })
                .ToListAsync(ct))
            .Select(l => new NetworkListing(l.Id, l.Kind == ListingKind.Offer ? "offer" : "demand", l.Title, l.Category, l.Organization, l.Commune,
                l.CreatedAt, l.NetworkId, names[l.NetworkId]))
            .ToList();
        var organizations = db.Organizations;
        SharedItems = (await Lending.LendingApi.Visible(db, await audiences.OnAsync(User, network.Id, ct, Shared.Items)).AsNoTracking()
                .Where(i => i.Listing!.NetworkId != network.Id && (i.Listing.ExpiresAt == null || i.Listing.ExpiresAt > now))
                .OrderByDescending(i => i.CreatedAt).Take(Glimpse)
                .Select(i => new { i.Id, i.Listing!.Title, Lender = organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Name).First(), i.Listing.NetworkId })
                .ToListAsync(ct))
            .Select(i => new SharedItem(i.Id, i.Title, i.Lender, names[i.NetworkId]))
            .ToList();
        UpcomingEvents = await events.UpcomingAsync(await audiences.EventNetworksOnAsync(User, network.Id, ct), Glimpse, ct);
        Members = (await facilitation.OrganizationsAsync(network.Id, ct)).Where(o => o.IsMember).ToList();
        IsFacilitator = await facilitation.IsFacilitatorAsync(User, network.Id, ct);
        return Page();
    }
}
