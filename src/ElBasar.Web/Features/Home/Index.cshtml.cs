using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Home;

public sealed class HomeModel(ElBasarDbContext db, HomeNetwork network, TimeProvider clock) : PageModel
{
    const int Latest = 6;

    public int Members { get; private set; }
    public int LiveOffers { get; private set; }
    public int LiveDemands { get; private set; }
    public IReadOnlyList<ListingSummary> LatestOffers { get; private set; } = [];
    public IReadOnlyList<ListingSummary> LatestDemands { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var networkId = await network.IdAsync(ct);
        var live = db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Published
            && l.Visibility == ListingVisibility.Everyone && (l.ExpiresAt == null || l.ExpiresAt > now)
            && l.Organization!.Status == OrganizationStatus.Active);
        Members = await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Active
            && o.Networks.Any(m => m.NetworkId == networkId && m.IsMember), ct);
        var counts = await live.GroupBy(l => l.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        LiveOffers = counts.FirstOrDefault(c => c.Key == ListingKind.Offer)?.Count ?? 0;
        LiveDemands = counts.FirstOrDefault(c => c.Key == ListingKind.Demand)?.Count ?? 0;
        LatestOffers = await ListingSummaries.Project(live.Where(l => l.Kind == ListingKind.Offer).OrderByDescending(l => l.CreatedAt).Take(Latest)).ToListAsync(ct);
        LatestDemands = await ListingSummaries.Project(live.Where(l => l.Kind == ListingKind.Demand).OrderByDescending(l => l.CreatedAt).Take(Latest)).ToListAsync(ct);
    }
}
