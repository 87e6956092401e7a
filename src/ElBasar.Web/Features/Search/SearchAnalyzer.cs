using System.Text.RegularExpressions;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The one French analyser of elBasar, shared by both databases: documents and queries go
/// through the same folding (<see cref="SearchText"/>), stop words and light stemming
/// (<see cref="FrenchStemmer"/>). Queries also lose their request phrasing ("on cherche
/// quelqu'un pour"), get their typos corrected against the index's own words and are
/// expanded with the thesaurus.
/// </summary>
public static partial class SearchAnalyzer
{
    /// <summary>Raised whenever the document analysis changes: listings indexed by an older one are analysed again at start.</summary>
    public const int Version = 3;

    const int MaxQueryWords = 12;
    const int MaxPhraseWords = 4;
    const double SynonymWeight = 0.7;
    const double CorrectionWeight = 0.9;

    // Words that say how a person asks rather than what they want.
    static readonly HashSet<string> RequestWords = new(StringComparer.Ordinal)
    {
        "cherche", "cherchons", "cherchent", "recherche", "recherchons", "rechercher", "chercher", "besoin", "urgent",
        "urgence", "quelqu", "quelquun", "personne", "peut", "peux", "pouvez", "pourrait", "pourriez", "aimerions",
        "souhaitons", "souhaite", "voudrions", "voudrais", "svp", "merci", "bonjour", "possible", "serait",
        "avez", "auriez", "connaissez", "connait", "aider", "aide", "trouver", "faut", "nous", "me", "moi", "notre",
        "association", "structure",
    };

    /// <summary>The words a document is indexed by: folded, stop words out, stemmed.</summary>
    public static string AnalyzeDocument(string? text) =>
        string.Join(' ', Tokens(text).Where(w => !SearchText.IsStopWord(w)).Select(FrenchStemmer.Stem));

    /// <summary>Folded tokens, with "3 x 3" joined as "3x3" so a size is one word.</summary>
    static IEnumerable<string> Tokens(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : SearchText.Words(Dimensions().Replace(text, "$1x$2"));

    public static AnalyzedQuery AnalyzeQuery(string? text, Thesaurus thesaurus, SearchVocabulary? vocabulary = null)
    {
        var folded = SearchText.Normalize(Dimensions().Replace(text ?? "", "$1x$2"));
        var hint = KindHint(folded, out var isRequest);
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !SearchText.IsStopWord(w) && !(isRequest && RequestWords.Contains(w)))
            .Distinct()
            .Take(MaxQueryWords)
            .ToList();
        if (words.Count == 0)
        {
            // Only stop words ("de la"): search them as they are rather than nothing.
            words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxQueryWords).ToList();
        }

        var stems = new List<string>(words.Count);
        var corrections = new List<(string Word, string Stem)>();
        foreach (var word in words)
        {
            var stem = FrenchStemmer.Stem(word);
            if (vocabulary is not null && !vocabulary.Contains(stem) && !thesaurus.Knows(stem)
                && vocabulary.Correct(stem, word) is { } corrected)
            {
                corrections.Add((word, corrected));
                stem = corrected;
            }
            stems.Add(stem);
        }

        var concepts = new List<QueryConcept>();
        for (var i = 0; i < stems.Count;)
        {
            var length = thesaurus.LongestPhraseAt(stems, i, MaxPhraseWords);
            var phrase = stems.GetRange(i, Math.Max(length, 1)).ToArray();
            var corrected = corrections.Any(c => phrase.Contains(c.Stem));
            var alternatives = new List<ConceptAlternative> { new(phrase, corrected ? CorrectionWeight : 1.0, corrected) };
            foreach (var synonym in thesaurus.SynonymsOf(phrase))
                alternatives.Add(new ConceptAlternative(synonym, SynonymWeight * (corrected ? CorrectionWeight : 1.0), false));
            concepts.Add(new QueryConcept(string.Join(' ', phrase), alternatives));
            i += phrase.Length;
        }
        return new AnalyzedQuery(concepts, hint, corrections.Count > 0 ? corrections.Select(c => c.Stem).ToList() : []);
    }

    /// <summary>
    /// "On cherche quelqu'un pour…", "qui peut nous prêter…", "besoin d'un…": the person looks for
    /// an offer. "Je propose", "à donner": they have something and look for whoever needs it.
    /// </summary>
    static ListingKind? KindHint(string folded, out bool isRequest)
    {
        var padded = $" {folded} ";
        if (SeekingPhrase().IsMatch(padded))
        {
            isRequest = true;
            return ListingKind.Offer;
        }
        if (OfferingPhrase().IsMatch(padded))
        {
            isRequest = true;
            return ListingKind.Demand;
        }
        isRequest = false;
        return null;
    }

    [GeneratedRegex(@"(\d+)\s*[x×X*]\s*(\d+)")]
    private static partial Regex Dimensions();

    [GeneratedRegex(@" (on |nous |je |j )?(re)?cherch(e|ons|ent|er) | besoin | qui (peut|pourrait|pourraient|sait|saurait|veut) | quelqu un | (avez|auriez|connaissez) vous | y a t il | est ce que ")]
    private static partial Regex SeekingPhrase();

    [GeneratedRegex(@" (je |nous |on )(propose|proposons|offre|offrons|donne|donnons|prete|pretons) | a donner | qui a besoin | qui aurait besoin ")]
    private static partial Regex OfferingPhrase();
}

/// <summary>A query as the search sees it: concepts to find, and what the phrasing suggests.</summary>
public sealed record AnalyzedQuery(IReadOnlyList<QueryConcept> Concepts, ListingKind? KindHint, IReadOnlyList<string> CorrectedStems)
{
    public bool HasText => Concepts.Count > 0;

    /// <summary>
    /// Every stem any concept may match: what the index is asked for (a listing holding part of
    /// a phrase is still a candidate; the ranking decides what that part is worth) and what is highlighted.
    /// </summary>
    public IReadOnlyList<string> AllStems => Concepts.SelectMany(c => c.Alternatives).SelectMany(a => a.Stems).Distinct().ToList();

}

/// <summary>One thing the person asked for: its words, and the other ways of saying it.</summary>
public sealed record QueryConcept(string Key, IReadOnlyList<ConceptAlternative> Alternatives);

/// <summary>A way of saying a concept (all its stems must appear), weighted below 1 when it is not the person's own word.</summary>
public sealed record ConceptAlternative(string[] Stems, double Weight, bool IsCorrection);
