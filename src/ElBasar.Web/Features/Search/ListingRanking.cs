using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Orders the candidates the index found, the same way on both databases: listings holding
/// every concept of the query first, then those holding most of them (rare words count more
/// than common ones), title above description, the person's own words above synonyms and
/// corrections; freshness and nearness break ties; a sentence that asks for an offer favours
/// offers. Filters never enter here: they only decide which listings are candidates.
/// </summary>
public sealed class ListingRanking(AnalyzedQuery query, SearchVocabulary vocabulary, DateTime now)
{
    const double InTitle = 1.0;
    const double InBody = 0.5;
    const double PartialPhrase = 0.3;
    const double SynonymFloor = 0.7;

    public sealed record Candidate(Guid Id, string SearchTitle, string SearchBody, string Kind, DateTime CreatedAt, double? DistanceKm);

    // How telling each concept is: the rarity of the words typed when the index has them, else
    // of its rarest synonym; softened (square root) so a rare detail ("samedi") does not outweigh the need.
    readonly double[] _conceptWeights = query.Concepts.Select(c => Math.Sqrt(
        c.Alternatives[0].Stems.Where(vocabulary.Contains).Select(vocabulary.Idf).DefaultIfEmpty(0).Average() is > 0 and var own
            ? own
            : c.Alternatives.SelectMany(a => a.Stems).Where(vocabulary.Contains).Select(vocabulary.Idf).DefaultIfEmpty(1.0).Max())).ToArray();

    /// <summary>How telling each concept of the query is, in the order of the concepts.</summary>
    public IReadOnlyList<double> ConceptWeights => _conceptWeights;

    public double Score(Candidate candidate)
    {
        var title = candidate.SearchTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var words = candidate.SearchBody.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        words.UnionWith(title);

        double total = 0, matched = 0, text = 0;
        var all = true;
        for (var i = 0; i < query.Concepts.Count; i++)
        {
            var weight = _conceptWeights[i];
            var best = query.Concepts[i].Alternatives.Max(a => a.Weight * Match(a.Stems, title, words));
            total += weight;
            text += weight * best;
            // A concept found whole (title or description) counts as found; a part of a phrase only
            // partly, so "sur place" does not pass for "9 places".
            matched += weight * Math.Min(1, best / InBody);
            if (best < InBody * SynonymFloor) all = false;
        }
        if (total == 0) return 0;

        var score = 2.0 * matched / total + text / total + (all ? 1.0 : 0.0);
        var ageDays = Math.Max(0, (now - candidate.CreatedAt).TotalDays);
        score += 0.3 * Math.Exp(-ageDays / 365);
        if (candidate.DistanceKm is { } km) score += 0.3 / (1 + km / 20);
        if (query.KindHint is { } hint && candidate.Kind == (hint == ListingKind.Offer ? "offer" : "demand")) score += 3.0;
        return score;
    }

    // Part of a phrase counts a little ("vélo" for "vélo cargo", "graphique" for "design graphique").
    static double Match(string[] stems, HashSet<string> title, HashSet<string> words)
    {
        if (stems.All(title.Contains)) return InTitle;
        if (stems.All(words.Contains)) return InBody;
        if (stems.Length == 1) return 0;
        return PartialPhrase * stems.Count(words.Contains) / stems.Length;
    }
}
