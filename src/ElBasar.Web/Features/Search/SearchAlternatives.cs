using System.Runtime.CompilerServices;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// What to offer when a search finds nothing, so that it is never a dead end: nearby words,
/// a wider radius, one filter less, the whole category, or everything without the words. Each
/// way out is counted under the same rules as the results and offered only when it finds something.
/// </summary>
public sealed class SearchAlternatives(
    ListingFacets facets, ElBasarDbContext db, ThesaurusCache thesauri, Taxonomy taxonomy, Territories territories)
{
    // The thesaurus terms with their stems, analysed once per thesaurus: the cache makes a new one after each edit.
    static readonly ConditionalWeakTable<Thesaurus, List<(string Term, string Stems)[]>> AnalysedGroups = new();

    const int MaxWordsLookedAt = 3;
    const int MaxCandidatesPerWord = 6;
    const int MaxNearbyPerWord = 3;

    public async Task<EmptyResultHelp> FindAsync(ListingQuery query, CancellationToken ct)
    {
        var nearby = query.Text.Length > 0 ? await NearbyWordsAsync(query, ct) : [];
        var wider = await WiderRadiusAsync(query, ct);

        var removals = new List<SearchOption>();
        foreach (var (label, without) in Removals(query))
        {
            if (await facets.CountAsync(without, ct) is > 0 and var count) removals.Add(new(label, SearchLinks.For(without), count));
        }

        var others = new List<SearchOption>();
        foreach (var slug in query.Categories)
        {
            var whole = new ListingQuery { Categories = [slug] };
            if (await facets.CountAsync(whole, ct) is > 0 and var count)
                others.Add(new($"Toute la catégorie « {taxonomy.CategoryLabel(slug)} »", SearchLinks.For(whole), count));
        }
        if (query.Text.Length > 0 && HasFilters(query)
            && await facets.CountAsync(query with { Text = "" }, ct) is > 0 and var withoutWords)
            others.Add(new($"Les annonces de ces filtres, sans les mots « {query.Text} »", SearchLinks.For(query with { Text = "" }), withoutWords));
        if (others.Count == 0 && removals.Count == 0 && nearby.Count == 0 && wider is null
            && await facets.CountAsync(new ListingQuery(), ct) is > 0 and var all)
            others.Add(new("Toutes les annonces", SearchLinks.For(new ListingQuery()), all));

        // Two ways can lead to the same search (a category alone, without its words, is the whole category): offer it once.
        var offered = nearby.Concat(removals).Select(o => o.Url).Append(wider?.Url).ToHashSet();
        return new EmptyResultHelp(nearby, wider, removals, others.Where(o => offered.Add(o.Url)).ToList());
    }

    static bool HasFilters(ListingQuery q) =>
        q.Kind is not null || q.Categories.Count > 0 || q.Modes.Count > 0 || q.Market is not null || q.Territory is not null || SearchLinks.HasPlace(q);

    /// <summary>The next radius that finds something, up to twice the largest the page offers; else nothing.</summary>
    async Task<SearchOption?> WiderRadiusAsync(ListingQuery query, CancellationToken ct)
    {
        if (query.RadiusKm is not { } radius || !SearchLinks.HasPlace(query)) return null;
        foreach (var wider in SearchLinks.Radii.Append(SearchLinks.Radii[^1] * 2).Where(r => r > radius))
        {
            var widened = query with { RadiusKm = wider };
            if (await facets.CountAsync(widened, ct) is > 0 and var count)
                return new SearchOption($"Élargir le rayon à {wider} km", SearchLinks.For(widened), count);
        }
        return null;
    }

    /// <summary>The query without each of its filters in turn, labelled with what is taken away.</summary>
    IEnumerable<(string Label, ListingQuery Without)> Removals(ListingQuery q)
    {
        if (q.Kind is { } kind)
            yield return ($"Retirer le filtre « {(kind == ListingKind.Offer ? "Offres" : "Demandes")} »", q with { Kind = null });
        foreach (var category in q.Categories)
            yield return ($"Retirer le filtre « {taxonomy.CategoryLabel(category)} »", q with { Categories = q.Categories.Where(c => c != category).ToList() });
        foreach (var mode in q.Modes)
            yield return ($"Retirer le filtre « {taxonomy.ModeLabel(mode)} »", q with { Modes = q.Modes.Where(m => m != mode).ToList() });
        if (q.Market is { } market)
            yield return ($"Retirer le filtre « {(market ? "Marchand" : "Non marchand")} »", q with { Market = null });
        if (q.Territory is { } territory)
            yield return ($"Retirer le filtre « {TerritoryName(territory)} »", q with { Territory = null, CommuneCodes = null });
        if (q.RadiusCommune is { } commune)
            yield return ($"Retirer le filtre « {commune.Name}, {q.RadiusKm ?? SearchLinks.DefaultRadiusKm} km »", SearchLinks.WithoutPlace(q));
        else if (q.HasPoint && q.RadiusKm is { } radius)
            yield return ($"Retirer le filtre « à moins de {radius} km du point indiqué »", SearchLinks.WithoutPlace(q));
    }

    string TerritoryName(string code) =>
        territories.FindDepartement(code)?.Name ?? territories.FindEpci(code)?.Name ?? territories.FindCommune(code)?.Name ?? code;

    /// <summary>
    /// For each word typed, the terms of the thesaurus near it: in meaning, the other terms of any
    /// group with a term holding the word ("marteau" → "perforateur", by "marteau perforateur"); in
    /// spelling, a single-word term one or two edits away or sharing its first five letters. Each is
    /// kept when the query with the word replaced by it finds something.
    /// </summary>
    async Task<IReadOnlyList<SearchOption>> NearbyWordsAsync(ListingQuery query, CancellationToken ct)
    {
        var words = SearchText.QueryWords(query.Text).Where(w => w.Length >= 3).Take(MaxWordsLookedAt).ToList();
        if (words.Count == 0) return [];
        var thesaurus = await thesauri.GetAsync(ct);
        if (!AnalysedGroups.TryGetValue(thesaurus, out var groups))
        {
            groups = (await db.Set<SynonymGroup>().AsNoTracking().Where(g => g.RemovedAt == null).Select(g => g.Terms).ToListAsync(ct))
                .Select(t => t.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(term => (Term: term, Stems: SearchAnalyzer.AnalyzeDocument(term))).ToArray())
                .ToList();
            AnalysedGroups.AddOrUpdate(thesaurus, groups);
        }

        var options = new List<SearchOption>();
        foreach (var word in words)
        {
            var stem = FrenchStemmer.Stem(word);
            var related = groups
                .Where(group => group.Any(t => t.Stems.Split(' ').Contains(stem)))
                .SelectMany(group => group.Where(t => t.Stems != stem));
            var spelled = groups.SelectMany(group => group.Where(t => !t.Stems.Contains(' ') && IsSpelledNear(stem, t.Stems)));
            var candidates = related.Concat(spelled).DistinctBy(t => t.Stems).Take(MaxCandidatesPerWord).ToList();
            var found = new List<SearchOption>();
            foreach (var (term, _) in candidates)
            {
                var text = string.Join(' ', SearchText.Normalize(query.Text).Split(' ').Select(w => w == word ? term : w));
                var replaced = query with { Text = text };
                if (await facets.CountAsync(replaced, ct) is > 0 and var count) found.Add(new SearchOption(term, SearchLinks.For(replaced), count));
            }
            options.AddRange(found.OrderByDescending(o => o.Count).Take(MaxNearbyPerWord));
        }
        return options;
    }

    static bool IsSpelledNear(string stem, string other)
    {
        if (stem == other || other.Length < 3) return false;
        if (stem.Length >= 5 && other.Length >= 5 && string.CompareOrdinal(stem, 0, other, 0, 5) == 0) return true;
        var max = stem.Length >= 7 ? 2 : 1;
        return Math.Abs(stem.Length - other.Length) <= max && SearchVocabulary.EditDistance(stem, other, max) <= max;
    }
}

/// <summary>A search to try instead, with how many listings it finds.</summary>
public sealed record SearchOption(string Label, string Url, int Count);

/// <summary>The ways out of an empty result, by kind.</summary>
public sealed record EmptyResultHelp(
    IReadOnlyList<SearchOption> NearbyWords, SearchOption? WiderRadius, IReadOnlyList<SearchOption> Removals, IReadOnlyList<SearchOption> Others)
{
    public bool IsEmpty => NearbyWords.Count == 0 && WiderRadius is null && Removals.Count == 0 && Others.Count == 0;
}
