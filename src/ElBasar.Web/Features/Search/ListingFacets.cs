using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// How many listings each filter value would give ("Prêt (12)"). Facets are disjunctive: a
/// value's count applies every other filter of the query but replaces the facet's own choice by
/// that value, so ticking it gives what it says. Counts come from <see cref="ListingSearch"/>
/// itself, so they always agree with the results, one count a value, one after the other on the
/// request's DbContext; a request asking the same count twice pays once.
/// </summary>
public sealed class ListingFacets(ListingSearch search, Taxonomy taxonomy)
{
    readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records a total already known, so the facet value matching the query costs nothing.</summary>
    public void Remember(ListingQuery query, int total) => _counts[Key(query)] = total;

    /// <summary>The number of listings <paramref name="query"/> finds, whatever its page.</summary>
    public async Task<int> CountAsync(ListingQuery query, CancellationToken ct)
    {
        var key = Key(query);
        if (_counts.TryGetValue(key, out var known)) return known;
        // A page past any possible end makes the search count and read nothing else (no ranking, no summaries).
        var page = await search.SearchAsync(query with { Page = int.MaxValue, PageSize = 1, Sort = ListingSort.Newest }, ct);
        return _counts[key] = page.Total;
    }

    public async Task<FacetCounts> CountAllAsync(ListingQuery query, CancellationToken ct)
    {
        var kinds = new Dictionary<ListingKind, int>();
        foreach (var kind in Enum.GetValues<ListingKind>())
            kinds[kind] = await CountAsync(query with { Kind = kind }, ct);

        var markets = new Dictionary<bool, int>();
        foreach (var market in new[] { true, false })
            markets[market] = await CountAsync(query with { Market = market }, ct);
        var anyMarket = await CountAsync(query with { Market = null }, ct);

        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in taxonomy.Categories)
            categories[category.Slug] = await CountAsync(query with { Categories = [category.Slug] }, ct);

        var modes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var mode in taxonomy.ExchangeModes)
            modes[mode.Slug] = await CountAsync(query with { Modes = [mode.Slug] }, ct);

        return new FacetCounts(kinds, markets, anyMarket, categories, modes);
    }

    // What changes the set of listings; the page, its size and the order do not.
    static string Key(ListingQuery q) => string.Join('|',
        q.Text, q.Kind, string.Join(',', q.Categories.Order(StringComparer.Ordinal)), string.Join(',', q.Modes.Order(StringComparer.Ordinal)),
        q.Market, q.Territory, q.RadiusCommune?.Code, q.Latitude, q.Longitude, q.RadiusKm);
}

/// <summary>The count of each filter value, for the current query.</summary>
public sealed record FacetCounts(
    IReadOnlyDictionary<ListingKind, int> Kinds,
    IReadOnlyDictionary<bool, int> Markets,
    int AnyMarket,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyDictionary<string, int> Modes)
{
    public int AnyKind => Kinds.Values.Sum();
}
