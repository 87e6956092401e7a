using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// Finds the watching organisations a new demand is for. The demand's title is searched among the
/// live offers of the networks whose members may see it: its own network, and, unless it is kept to
/// that network's members, the networks a partnership in force shares its listings towards. Among
/// the best <see cref="Window"/>, an offer answers the demand when it is in the same category or
/// holds at least half of the title's concepts (each by its word, a synonym or a correction). Each
/// watching organisation that may see the demand (<see cref="NetworkAudiences.OfOrganizationsAsync"/>)
/// is told once, with its best-ranked answering offer. One search per demand, whatever the number
/// of watching organisations.
/// </summary>
public sealed class DemandWatchMatcher(
    ElBasarDbContext db, ListingSearch search, NetworkAudiences audiences, ThesaurusCache thesauri, SearchVocabularyCache vocabularies)
{
    public const int Window = 30;

    public sealed record Found(Guid OrganizationId, Guid OfferId);

    public async Task<List<Found>> FindAsync(ListingFacts demand, CancellationToken ct)
    {
        if (demand.Kind != ListingKind.Demand || demand.NetworkId is not { } network || !await db.DemandWatches.AnyAsync(ct)) return [];
        var title = await db.Listings.Where(l => l.Id == demand.Id).Select(l => l.Title).SingleAsync(ct);
        IReadOnlyList<Guid> networks = demand.Visibility == ListingVisibility.Network
            ? [network]
            : await audiences.ReceivingNetworksAsync(network, Shared.Listings, ct);
        var page = await search.SearchAsync(new ListingQuery
        {
            Text = title, Kind = ListingKind.Offer, PageSize = Window, Audience = new ListingAudience(networks, [], []),
        }, ct);
        var ranked = page.Items.Where(o => o.Organization.Id != demand.OrganizationId).ToList();
        if (ranked.Count == 0) return [];

        var organizations = ranked.Select(o => o.Organization.Id).Distinct().ToList();
        var watching = (await db.DemandWatches.AsNoTracking().Where(w => organizations.Contains(w.OrganizationId))
            .Select(w => w.OrganizationId).ToListAsync(ct)).ToHashSet();
        var offers = ranked.Where(o => watching.Contains(o.Organization.Id)).ToList();
        if (offers.Count == 0) return [];
        // An offer's network may see the demand when its organisation does not: one outside every network, or one that left it.
        var seeing = await audiences.OfOrganizationsAsync(offers.Select(o => o.Organization.Id).Distinct().ToList(), ct);
        offers = offers.Where(o => seeing[o.Organization.Id].Sees(network, demand.Visibility)).ToList();
        if (offers.Count == 0) return [];

        var ids = offers.Select(o => o.Id).ToList();
        var words = (await db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id))
                .Select(l => new { l.Id, l.SearchTitle, l.SearchBody }).ToListAsync(ct))
            .ToDictionary(l => l.Id, l => $"{l.SearchTitle} {l.SearchBody}".Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        var concepts = SearchAnalyzer.AnalyzeQuery(title, await thesauri.GetAsync(ct), await vocabularies.GetAsync(ct)).Concepts;

        return offers
            .Where(o => words.TryGetValue(o.Id, out var stems) && Answers(demand.Category, concepts, o.Category, stems))
            .DistinctBy(o => o.Organization.Id)
            .Select(o => new Found(o.Organization.Id, o.Id))
            .ToList();
    }

    /// <summary>Whether an offer (its category and analysed words) answers a demand (its category and analysed title).</summary>
    public static bool Answers(string demandCategory, IReadOnlyList<QueryConcept> demandConcepts, string offerCategory, IReadOnlySet<string> offerStems)
    {
        if (offerCategory == demandCategory) return true;
        var held = demandConcepts.Count(c => c.Alternatives.Any(a => a.Stems.All(offerStems.Contains)));
        return held > 0 && held * 2 >= demandConcepts.Count;
    }
}
