using System.Linq.Expressions;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// The partner installations' listings a search finds, for the search page and <c>GET /api/v1/listings</c>.
/// The query is analysed as for local listings (same analyser and thesaurus, but no typo correction,
/// which follows the local index's words); a remote
/// listing matches when its analysed words hold every concept of the query, under the same kind,
/// category, mode and place filters. The database narrows the rows to those holding any of the
/// stems; the newest <see cref="CandidateLimit"/> of them are checked in C#, newest first. Filters
/// that need local data (market, availability of items to borrow) leave remote listings out.
/// </summary>
public sealed class NetworkListings(ElBasarDbContext db, ListingSearch search, ThesaurusCache thesauri, TimeProvider clock)
    : INetworkListings
{
    public const int CandidateLimit = 1000;

    public async Task<IReadOnlyList<NetworkListingSummary>> FindAsync(ListingQuery query, int take, CancellationToken ct)
    {
        if (query.Page != 1 || query.Market is not null || query.AvailableFrom is not null) return [];
        if (!await db.RemoteListings.AnyAsync(ct)) return [];
        query = await search.LocateAsync(query, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = db.RemoteListings.AsNoTracking().Where(r => r.ExpiresAt == null || r.ExpiresAt > now);
        if (query.Kind is { } kind)
        {
            var slug = Slug.Of(kind);
            rows = rows.Where(r => r.Kind == slug);
        }
        if (query.Categories.Count > 0)
        {
            var categories = query.Categories.ToList();
            rows = rows.Where(r => categories.Contains(r.Category));
        }
        if (query.CommuneCodes is { } codes)
        {
            var communes = codes.ToList();
            rows = rows.Where(r => r.CommuneInsee != null && communes.Contains(r.CommuneInsee));
        }
        GeoPoint? centre = query.HasPoint ? new GeoPoint(query.Latitude!.Value, query.Longitude!.Value) : null;
        if (centre is { } point && query.RadiusKm is { } radius)
        {
            var box = GeoPoint.BoundingBox(point, radius);
            rows = rows.Where(r => r.Latitude >= box.MinLat && r.Latitude <= box.MaxLat && r.Longitude >= box.MinLon && r.Longitude <= box.MaxLon);
        }
        AnalyzedQuery? analysis = null;
        if (query.Text.Length > 0)
        {
            // No correction: the local vocabulary would "correct" a word only partners use.
            analysis = SearchAnalyzer.AnalyzeQuery(query.Text, await thesauri.GetAsync(ct));
            if (!analysis.HasText) return [];
            rows = rows.Where(AnyStem(analysis.AllStems));
        }

        var candidates = await rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.SearchText, r.Modes, r.Latitude, r.Longitude })
            .Take(CandidateLimit).ToListAsync(ct);
        var chosen = candidates
            .Where(c => analysis is null || HoldsEveryConcept(analysis, c.SearchText))
            .Where(c => query.Modes.Count == 0 || c.Modes.Split(' ').Any(query.Modes.Contains))
            .Where(c => query.RadiusKm is not { } km || centre is not { } at
                || (c.Latitude is { } lat && c.Longitude is { } lon && at.DistanceKmTo(new GeoPoint(lat, lon)) <= km))
            .Take(take).Select(c => c.Id).ToList();
        if (chosen.Count == 0) return [];

        var found = await db.RemoteListings.AsNoTracking().Where(r => chosen.Contains(r.Id))
            .Select(r => new { r.Id, Origin = r.Partner!.Name, r.Kind, r.Title, r.Category, r.Modes, r.OrganizationName, r.Commune, r.CreatedAt, r.RemoteUrl, r.Description, r.Price })
            .ToDictionaryAsync(r => r.Id, ct);
        // A listing the sync removed between the two reads is simply left out.
        return chosen.Where(found.ContainsKey).Select(id => found[id]).Select(r => new NetworkListingSummary(
                r.Origin, r.Kind, r.Title, r.Category, r.Modes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.OrganizationName, r.Commune, r.CreatedAt, r.RemoteUrl)
            {
                Excerpt = r.Description is { } d ? d[..Math.Min(d.Length, 220)] : null,
                Price = r.Price,
            })
            .ToList();
    }

    /// <summary>Every concept: one of its ways of being said, all of whose stems are words of the listing.</summary>
    static bool HoldsEveryConcept(AnalyzedQuery analysis, string searchText)
    {
        var words = searchText.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return analysis.Concepts.All(c => c.Alternatives.Any(a => a.Stems.All(words.Contains)));
    }

    /// <summary><c>r.SearchText.Contains(stem1) || …</c>: a superset of the matches, which the database can filter.</summary>
    static Expression<Func<RemoteListing, bool>> AnyStem(IReadOnlyList<string> stems)
    {
        var row = Expression.Parameter(typeof(RemoteListing), "r");
        var text = Expression.Property(row, nameof(RemoteListing.SearchText));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        var body = stems.Select(s => (Expression)Expression.Call(text, contains, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<RemoteListing, bool>>(body, row);
    }
}
