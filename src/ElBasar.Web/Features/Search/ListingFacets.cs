using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// How many listings each filter value would give ("Prêt (12)"). Facets are disjunctive: a
/// value's count applies every other filter of the query but replaces the facet's own choice by
/// that value, so ticking it gives what it says. Counts come from <see cref="ListingSearch"/>
/// itself, so they always agree with the results; a request asking the same count twice pays once.
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

    /// <summary>
    /// Every filter value's count, from one grouped read of what the query's words and place find.
    /// Past <see cref="ListingSearch.CountLimit"/> times three listings the counts are not read
    /// (<see cref="FacetCounts.Unknown"/>): counting a common word among a million listings would
    /// cost more than the search itself, and the words or the place narrow it down.
    /// </summary>
    public async Task<FacetCounts> CountAllAsync(ListingQuery query, CancellationToken ct)
    {
        if (await search.FacetGroupsAsync(query, ListingSearch.CountLimit * 3, ct) is not { } groups) return FacetCounts.Unknown;
        var marketModes = taxonomy.ExchangeModes.Where(m => m.Market).Select(m => m.Slug).ToHashSet(StringComparer.Ordinal);
        bool KindOk(FacetGroup g) => query.Kind is not { } kind || g.Kind == kind;
        bool CategoryOk(FacetGroup g) => query.Categories.Count == 0 || query.Categories.Contains(g.Category);
        bool ModeOk(FacetGroup g) => query.Modes.Count == 0 || g.Modes.Any(query.Modes.Contains);
        bool MarketOk(FacetGroup g, bool? market) => market is not { } m || g.Modes.Any(mode => marketModes.Contains(mode) == m);
        int Sum(Func<FacetGroup, bool> keep) => groups.Where(keep).Sum(g => g.Count);

        var kinds = Enum.GetValues<ListingKind>().ToDictionary(k => k,
            k => Sum(g => g.Kind == k && CategoryOk(g) && ModeOk(g) && MarketOk(g, query.Market)));
        var markets = new[] { true, false }.ToDictionary(m => m,
            m => Sum(g => MarketOk(g, m) && KindOk(g) && CategoryOk(g) && ModeOk(g)));
        var anyMarket = Sum(g => KindOk(g) && CategoryOk(g) && ModeOk(g));
        var categories = taxonomy.CategoriesFor(query.NetworkId).ToDictionary(c => c.Slug,
            c => Sum(g => g.Category == c.Slug && KindOk(g) && ModeOk(g) && MarketOk(g, query.Market)), StringComparer.Ordinal);
        var modes = taxonomy.ExchangeModes.ToDictionary(m => m.Slug,
            m => Sum(g => g.Modes.Contains(m.Slug) && KindOk(g) && CategoryOk(g) && MarketOk(g, query.Market)), StringComparer.Ordinal);
        return new FacetCounts(kinds, markets, anyMarket, categories, modes)
        {
            Total = Sum(g => KindOk(g) && CategoryOk(g) && ModeOk(g) && MarketOk(g, query.Market)),
        };
    }

    // What changes the set of listings; the page, its size and the order do not.
    static string Key(ListingQuery q) => string.Join('|',
        q.Text, q.Kind, string.Join(',', q.Categories.Order(StringComparer.Ordinal)), string.Join(',', q.Modes.Order(StringComparer.Ordinal)),
        q.Market, q.Territory, q.RadiusCommune?.Code, q.Latitude, q.Longitude, q.RadiusKm);
}

/// <summary>Listings of one kind, category and set of exchange modes, and how many.</summary>
public sealed record FacetGroup(ListingKind Kind, string Category, IReadOnlyList<string> Modes, int Count);

/// <summary>The count of each filter value, for the current query; a value absent is not known.</summary>
public sealed record FacetCounts(
    IReadOnlyDictionary<ListingKind, int> Kinds,
    IReadOnlyDictionary<bool, int> Markets,
    int? AnyMarket,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyDictionary<string, int> Modes)
{
    /// <summary>Counts not read, too many listings match.</summary>
    public static readonly FacetCounts Unknown = new(new Dictionary<ListingKind, int>(), new Dictionary<bool, int>(), null,
        new Dictionary<string, int>(), new Dictionary<string, int>());

    public int? AnyKind => Kinds.Count == 0 ? null : Kinds.Values.Sum();

    /// <summary>How many listings the query itself finds, with all its filters; null when not known.</summary>
    public int? Total { get; init; }
}
