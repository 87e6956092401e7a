using ElBasar.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings;

/// <summary>Everything a listing's page and <c>GET /api/v1/listings/{id}</c> show.</summary>
public sealed record ListingDetails(
    Guid Id, string? ExternalId, string Kind, string Status, string Title, string? Description, string Category,
    IReadOnlyList<string> ExchangeModes, decimal? Price, OrganizationRef Organization, string? CommuneInsee, string? Commune,
    double? Latitude, double? Longitude, DateTime CreatedAt, DateTime? ExpiresAt)
{
    /// <summary>How a closed listing ended: <c>fulfilled</c> (pourvue) or <c>withdrawn</c> (retirée); null otherwise.</summary>
    public string? Outcome { get; init; }

    /// <summary>The absolute address of the listing's page; set by the API (<see cref="ListingLinks"/>), null on pages.</summary>
    public string? Url { get; init; }

    public bool IsExpired(DateTime now) => ExpiresAt is { } at && at <= now;

    /// <summary>The listing, unless it or its organisation is a draft or hidden (those look like they do not exist).</summary>
    public static Task<ListingDetails?> FindAsync(IQueryable<Listing> listings, Guid id, CancellationToken ct) =>
        FindAsync(listings, id, includeHidden: false, ct);

    /// <summary>
    /// With <paramref name="includeHidden"/>, also a listing hidden by moderation, or whose organisation is (status "hidden"): for the staff.
    /// With an <paramref name="audience"/>, a listing that audience sees (Networks/README.md); without, only one open to everyone.
    /// </summary>
    public static Task<ListingDetails?> FindAsync(IQueryable<Listing> listings, Guid id, bool includeHidden, CancellationToken ct, ListingAudience? audience = null) =>
        Project((audience?.Filter(listings) ?? listings.Where(l => l.Visibility == ListingVisibility.Everyone)).AsNoTracking()
                .Where(l => l.Id == id && (l.Status == ListingStatus.Published || l.Status == ListingStatus.Closed
                                           || (includeHidden && l.Status == ListingStatus.Hidden))
                            && (includeHidden || l.Organization!.Status == Directory.OrganizationStatus.Active)))
            .FirstOrDefaultAsync(ct);

    /// <summary>The listing whatever its status (a draft, a hidden one): for its own organisation's people only.</summary>
    public static Task<ListingDetails?> FindAnyAsync(IQueryable<Listing> listings, Guid id, CancellationToken ct) =>
        Project(listings.AsNoTracking().Where(l => l.Id == id)).FirstOrDefaultAsync(ct);

    static IQueryable<ListingDetails> Project(IQueryable<Listing> listings) =>
        listings.Select(l => new ListingDetails(
            l.Id, l.ExternalId, l.Kind == ListingKind.Offer ? "offer" : "demand",
            l.Status == ListingStatus.Closed ? "closed" : l.Status == ListingStatus.Hidden ? "hidden" : l.Status == ListingStatus.Draft ? "draft"
                : l.Status == ListingStatus.Unpaid ? "unpaid" : "published",
            l.Title, l.Description, l.Category, l.ExchangeModes.Select(m => m.Mode).ToList(), l.Price,
            new OrganizationRef(l.OrganizationId, l.Organization!.Name), l.CommuneInsee, l.Commune,
            l.Latitude, l.Longitude, l.CreatedAt, l.ExpiresAt)
        {
            Outcome = l.ClosedOutcome == ListingOutcome.Fulfilled ? "fulfilled" : l.ClosedOutcome == ListingOutcome.Withdrawn ? "withdrawn" : null,
        });
}
