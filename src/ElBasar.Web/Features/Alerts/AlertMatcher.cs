using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// Finds the saved searches a listing is news for, without running them: the listing's stems and
/// filter keys probe the alert index (<c>saved_search_keys</c>, with the kind and the radius's box
/// checked there too), and only the searches found are checked in full (<see cref="SavedSearchProfile.Matches"/>).
/// People never hear of their own organisations' listings, nor of a listing that search in the
/// saved search's network would not show them (<see cref="NetworkAudiences.On"/>). A partner
/// installation's listing is matched the same way (<see cref="RemoteListingsAsync"/>), with the
/// filters it can answer.
/// </summary>
public sealed class AlertMatcher(ElBasarDbContext db, Taxonomy taxonomy, Territories territories, NetworkAudiences audiences)
{
    public sealed record Match(Guid SavedSearchId, Guid UserId);

    /// <summary>
    /// The facts of the live listings among <paramref name="ids"/> (others are nobody's news),
    /// whatever their visibility: who may hear of each is settled per saved search.
    /// </summary>
    public async Task<List<ListingFacts>> LiveListingsAsync(IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken ct)
    {
        var rows = await db.Listings.AsNoTracking()
            .Where(l => ids.Contains(l.Id) && l.Status == ListingStatus.Published
                && (l.ExpiresAt == null || l.ExpiresAt > now) && l.Organization!.Status == OrganizationStatus.Active)
            .Select(l => new
            {
                l.Id, l.OrganizationId, l.NetworkId, l.Visibility, l.Kind, l.Category, l.CommuneInsee, l.Latitude, l.Longitude, l.SearchTitle, l.SearchBody,
                Modes = l.ExchangeModes.Select(m => m.Mode).ToList(),
            })
            .ToListAsync(ct);
        return rows.Select(l => ListingFacts.Of(l.Id, l.OrganizationId, l.Kind, l.Category, l.Modes, l.CommuneInsee,
            l.Latitude, l.Longitude, l.SearchTitle, l.SearchBody, taxonomy) with { NetworkId = l.NetworkId, Visibility = l.Visibility }).ToList();
    }

    /// <summary>A partner installation's listing, as its alert is recorded: the partner and the listing's id there.</summary>
    public sealed record RemoteFacts(ListingFacts Facts, Guid PartnerId, string RemoteId);

    /// <summary>
    /// The facts of the remote listings among <paramref name="ids"/> still held and not expired. They
    /// belong to no local organisation (an empty one), and their modes are the partner's words:
    /// like search, a saved search with the market filter, which needs local data, does not match them.
    /// </summary>
    public async Task<List<RemoteFacts>> RemoteListingsAsync(IReadOnlyCollection<Guid> ids, DateTime now, CancellationToken ct)
    {
        var rows = await db.RemoteListings.AsNoTracking()
            .Where(r => ids.Contains(r.Id) && (r.ExpiresAt == null || r.ExpiresAt > now))
            .Select(r => new { r.Id, r.PartnerId, r.RemoteId, r.Kind, r.Category, r.Modes, r.CommuneInsee, r.Latitude, r.Longitude, r.SearchText })
            .ToListAsync(ct);
        var facts = new List<RemoteFacts>();
        foreach (var r in rows)
        {
            if (!Slug.TryParse<ListingKind>(r.Kind, out var kind)) continue;
            var listing = ListingFacts.Of(r.Id, Guid.Empty, kind, r.Category, r.Modes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                r.CommuneInsee, r.Latitude, r.Longitude, r.SearchText, "", taxonomy) with { HasMarketMode = false, HasNonMarketMode = false };
            facts.Add(new RemoteFacts(listing, r.PartnerId, r.RemoteId));
        }
        return facts;
    }

    public async Task<List<Match>> FindAsync(ListingFacts listing, CancellationToken ct)
    {
        var keys = listing.ProbeKeys().Distinct().ToList();
        var kind = listing.Kind;
        var probe = db.SavedSearchKeys.Where(k => keys.Contains(k.Key) && (k.Kind == null || k.Kind == kind));
        if (listing.Point is { } point)
        {
            var (lat, lon) = (point.Latitude, point.Longitude);
            probe = probe.Where(k => k.MinLat == null || (k.MinLat <= lat && k.MaxLat >= lat && k.MinLon <= lon && k.MaxLon >= lon));
        }
        else probe = probe.Where(k => k.MinLat == null);

        var ids = probe.Select(k => k.SavedSearchId);
        var candidates = await db.SavedSearches.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && !s.Paused)
            .Select(s => new
            {
                s.Id, s.UserId, s.NetworkId, s.Analysis, s.Kind, s.Categories, s.Modes, s.Market, s.Territory, s.CommuneFilter,
                s.Latitude, s.Longitude, s.RadiusKm,
            })
            .ToListAsync(ct);
        if (candidates.Count == 0) return [];

        // Popular searches are saved by many people: each distinct one is checked once.
        var matches = candidates
            .GroupBy(s => (s.Analysis, s.Kind, s.Categories, s.Modes, s.Market, s.Territory, s.CommuneFilter, s.Latitude, s.Longitude, s.RadiusKm))
            .Where(g => SavedSearches.ProfileOf(g.Key.Analysis, g.Key.Kind, g.Key.Categories, g.Key.Modes, g.Key.Market, g.Key.Territory,
                g.Key.CommuneFilter, g.Key.Latitude, g.Key.Longitude, g.Key.RadiusKm, territories, taxonomy).Matches(listing))
            .SelectMany(g => g.Select(s => (Match: new Match(s.Id, s.UserId), s.NetworkId)))
            .ToList();
        if (matches.Count == 0) return [];
        var own = await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == listing.OrganizationId).Select(m => m.UserId).ToListAsync(ct);
        matches = matches.Where(m => !own.Contains(m.Match.UserId)).ToList();
        return await SeenAsync(listing, matches, ct);
    }

    /// <summary>
    /// The matches whose owner sees <paramref name="listing"/> in their search's network, as
    /// <c>/recherche</c> there shows it to them. A public listing of the search's own network, or a
    /// partner installation's listing, is seen by anyone there; any other asks who the owner is.
    /// </summary>
    async Task<List<Match>> SeenAsync(ListingFacts listing, List<(Match Match, Guid NetworkId)> matches, CancellationToken ct)
    {
        if (listing.NetworkId is not { } home) return matches.Select(m => m.Match).ToList();
        bool Open((Match Match, Guid NetworkId) m) => m.NetworkId == home && listing.Visibility == ListingVisibility.Everyone;
        var asking = matches.Where(m => !Open(m)).ToList();
        if (asking.Count == 0) return matches.Select(m => m.Match).ToList();
        var partnerships = await audiences.PartnershipsAsync(Shared.Listings, ct);
        var members = await audiences.MemberNetworksAsync(asking.Select(m => m.Match.UserId).Distinct().ToList(), ct);
        return matches.Where(m => Open(m)
                || NetworkAudiences.On(members.GetValueOrDefault(m.Match.UserId) ?? [], m.NetworkId, partnerships).Sees(home, listing.Visibility))
            .Select(m => m.Match).ToList();
    }
}
