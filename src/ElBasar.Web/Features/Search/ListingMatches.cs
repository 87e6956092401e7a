using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// What answers a listing: for a demand, the live offers that could meet it, for an offer, the
/// demands it could meet, and the network's members whose activities match either. Shown to the
/// listing's people as soon as they publish, so the putting-in-touch does not wait for anyone.
/// </summary>
public sealed class ListingMatches(ListingSearch search, OrganizationDirectory directory)
{
    /// <summary>Listings and members shown at most.</summary>
    public const int Shown = 4;

    public async Task<ListingMatchesResult> FindAsync(ListingDetails listing, CancellationToken ct)
    {
        var opposite = listing.Kind == "offer" ? ListingKind.Demand : ListingKind.Offer;
        var ownOrganization = listing.Organization.Id;
        // The title says what it is about; the ranking puts listings holding all its words first.
        var found = await search.SearchAsync(new ListingQuery { Text = listing.Title, Kind = opposite, PageSize = Shown * 3 }, ct);
        var listings = found.Items.Where(l => l.Organization.Id != ownOrganization).Take(Shown).ToList();

        var wanted = Stems($"{listing.Title} {listing.Description}");
        var members = await directory.SearchAsync(new DirectoryQuery(null, null, null, null, Member: true, 1, OrganizationDirectory.AllItems), ct);
        var matchingMembers = members.Items
            .Where(o => o.Id != ownOrganization)
            .Select(o => (Organization: o, Shared: o.Activities.Count(a => Stems(a).Overlaps(wanted))))
            .Where(m => m.Shared > 0)
            .OrderByDescending(m => m.Shared)
            .ThenBy(m => m.Organization.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true))
            .Take(Shown)
            .Select(m => m.Organization)
            .ToList();
        return new ListingMatchesResult(opposite, listings, matchingMembers);
    }

    static HashSet<string> Stems(string text) =>
        SearchAnalyzer.AnalyzeDocument(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The listings of the other kind that answer a listing, and members whose activities match it.</summary>
public sealed record ListingMatchesResult(ListingKind Kind, IReadOnlyList<ListingSummary> Listings, IReadOnlyList<OrganizationSummary> Members);
