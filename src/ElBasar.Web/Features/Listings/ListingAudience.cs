namespace ElBasar.Web.Features.Listings;

/// <summary>
/// Which listings one reader sees in one place, by network: every listing of the networks in
/// <see cref="All"/>, those open to partners or to everyone of the networks in <see cref="Partners"/>,
/// and those open to everyone of the networks in <see cref="Public"/>. Worked out by
/// <c>Networks.NetworkAudiences</c> from the reader's networks and the partnerships.
/// </summary>
public sealed record ListingAudience(IReadOnlyList<Guid> All, IReadOnlyList<Guid> Partners, IReadOnlyList<Guid> Public)
{
    /// <summary>True when the installation has one network and the reader sees its public listings only: today's single-network rule.</summary>
    public bool PublicOnlyOfEveryNetwork { get; init; }

    public IQueryable<Listing> Filter(IQueryable<Listing> listings)
    {
        if (PublicOnlyOfEveryNetwork) return listings.Where(l => l.Visibility == ListingVisibility.Everyone);
        var (all, partners, open) = (All, Partners, Public);
        return listings.Where(l => all.Contains(l.NetworkId)
                                   || (partners.Contains(l.NetworkId) && l.Visibility != ListingVisibility.Network)
                                   || (open.Contains(l.NetworkId) && l.Visibility == ListingVisibility.Everyone));
    }

    public bool Sees(Listing listing) => Sees(listing.NetworkId, listing.Visibility);

    public bool Sees(Guid networkId, ListingVisibility visibility) =>
        (PublicOnlyOfEveryNetwork && visibility == ListingVisibility.Everyone)
        || All.Contains(networkId)
        || (Partners.Contains(networkId) && visibility != ListingVisibility.Network)
        || (Public.Contains(networkId) && visibility == ListingVisibility.Everyone);
}
