using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Listings an organisation paid to feature for a month (<see cref="Listing.FeaturedUntil"/>, Features/Membership):
/// shown first in their category's search results and on the home page ("À la une"), the latest featured first.
/// </summary>
public sealed class FeaturedListings(ElBasarDbContext db, TimeProvider clock)
{
    public Task<List<ListingSummary>> LatestAsync(int max, CancellationToken ct) => ReadAsync(live => live, max, ct);

    /// <summary>Those of one category (and kind, when the search asks for one).</summary>
    public Task<List<ListingSummary>> InCategoryAsync(string category, ListingKind? kind, int max, CancellationToken ct) =>
        ReadAsync(live => kind is { } k ? live.Where(l => l.Category == category && l.Kind == k) : live.Where(l => l.Category == category), max, ct);

    // The listings featured now are read alone first, from ix_listings_featured_until: a paid month is rare, so they
    // are few, and most often none. Asked in one query with the other conditions, SQLite's planner prefers the status
    // index and reads every published listing (more than a second on a million of them).
    async Task<List<ListingSummary>> ReadAsync(Func<IQueryable<Listing>, IQueryable<Listing>> narrow, int max, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var featuredNow = await db.Listings.Where(l => l.FeaturedUntil > now).OrderByDescending(l => l.FeaturedUntil)
            .Select(l => l.Id).Take(MaxFeaturedNow).ToListAsync(ct);
        if (featuredNow.Count == 0) return [];
        var live = db.Listings.AsNoTracking().Where(l => featuredNow.Contains(l.Id) && l.Status == ListingStatus.Published
            && l.Visibility == ListingVisibility.Everyone && db.Set<Network>().Any(n => n.IsHome && n.Id == l.NetworkId) && (l.ExpiresAt == null || l.ExpiresAt > now)
            && l.Organization!.Status == OrganizationStatus.Active);
        return await ListingSummaries.Project(narrow(live).OrderByDescending(l => l.FeaturedUntil).ThenByDescending(l => l.CreatedAt).Take(max)).ToListAsync(ct);
    }

    /// <summary>More listings featured at once than any network sells; past it, the latest featured are shown.</summary>
    const int MaxFeaturedNow = 1000;
}
