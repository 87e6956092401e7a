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
    public Task<List<ListingSummary>> LatestAsync(int max, CancellationToken ct) => ReadAsync(Live(), max, ct);

    /// <summary>Those of one category (and kind, when the search asks for one).</summary>
    public Task<List<ListingSummary>> InCategoryAsync(string category, ListingKind? kind, int max, CancellationToken ct)
    {
        var live = Live().Where(l => l.Category == category);
        return ReadAsync(kind is { } k ? live.Where(l => l.Kind == k) : live, max, ct);
    }

    IQueryable<Listing> Live()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The listings featured now, read alone from ix_listings_featured_until: a paid month is rare, so they
        // are few. Asked in one query with the other conditions, SQLite's planner prefers the status index
        // and reads every published listing (a second on a million of them).
        var featuredNow = db.Listings.Where(l => l.FeaturedUntil > now).OrderByDescending(l => l.FeaturedUntil).Select(l => l.Id).Take(MaxFeaturedNow);
        return db.Listings.AsNoTracking().Where(l => featuredNow.Contains(l.Id) && l.Status == ListingStatus.Published
            && l.Visibility == ListingVisibility.Everyone && db.Set<Network>().Any(n => n.IsHome && n.Id == l.NetworkId) && (l.ExpiresAt == null || l.ExpiresAt > now)
            && l.Organization!.Status == OrganizationStatus.Active);
    }

    /// <summary>More listings featured at once than any network sells; past it, the latest featured are shown.</summary>
    const int MaxFeaturedNow = 1000;

    static Task<List<ListingSummary>> ReadAsync(IQueryable<Listing> listings, int max, CancellationToken ct) =>
        ListingSummaries.Project(listings.OrderByDescending(l => l.FeaturedUntil).ThenByDescending(l => l.CreatedAt).Take(max)).ToListAsync(ct);
}
