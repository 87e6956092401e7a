using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// A saved search as the matcher sees it, and the rule deciding whether a listing is news for it.
/// The rule is the search's own idea of a full match: a listing the search would put first for
/// that query when it is new, so one holding every concept (each by one of its alternatives: the
/// words typed, a synonym, a correction, as the analyser gave them), under every filter.
/// </summary>
public sealed class SavedSearchProfile
{
    const char ConceptSeparator = '|';
    const char AlternativeSeparator = ',';

    /// <summary>Concepts, each a list of alternatives, each the stems it needs.</summary>
    public IReadOnlyList<string[][]> Concepts { get; }
    public ListingKind? Kind { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Modes { get; init; } = [];
    public bool? Market { get; init; }
    public IReadOnlySet<string>? Communes { get; init; }
    public GeoPoint? Centre { get; init; }
    public double? RadiusKm { get; init; }

    public SavedSearchProfile(string analysis) => Concepts = ParseAnalysis(analysis);

    public bool HasText => Concepts.Count > 0;

    /// <summary>The stored form of an analysed query: concepts by "|", alternatives by ",", stems by spaces.</summary>
    public static string WriteAnalysis(IEnumerable<IEnumerable<string[]>> concepts) =>
        string.Join(ConceptSeparator, concepts.Select(c => string.Join(AlternativeSeparator, c.Select(a => string.Join(' ', a)).Distinct())));

    static string[][][] ParseAnalysis(string analysis) => analysis.Length == 0 ? [] : analysis
        .Split(ConceptSeparator)
        .Select(c => c.Split(AlternativeSeparator).Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray())
        .ToArray();

    /// <summary>Whether the listing holds every concept and passes every filter.</summary>
    public bool Matches(ListingFacts listing)
    {
        if (Kind is { } kind && listing.Kind != kind) return false;
        if (Categories.Count > 0 && !Categories.Contains(listing.Category)) return false;
        if (Modes.Count > 0 && !Modes.Any(listing.Modes.Contains)) return false;
        if (Market is { } market && !(market ? listing.HasMarketMode : listing.HasNonMarketMode)) return false;
        if (Communes is { } communes && (listing.CommuneInsee is null || !communes.Contains(listing.CommuneInsee))) return false;
        if (Centre is { } centre && RadiusKm is { } radius)
        {
            if (listing.Point is not { } point || centre.DistanceKmTo(point) > radius) return false;
        }
        foreach (var concept in Concepts)
        {
            if (!concept.Any(alternative => alternative.All(listing.Stems.Contains))) return false;
        }
        return true;
    }
}

/// <summary>What matching needs of a listing: its analysed words and the fields filters read.</summary>
public sealed record ListingFacts(
    Guid Id, Guid OrganizationId, ListingKind Kind, string Category, IReadOnlySet<string> Modes,
    bool HasMarketMode, bool HasNonMarketMode, string? CommuneInsee, GeoPoint? Point, IReadOnlySet<string> Stems)
{
    /// <summary>The network a local listing belongs to; null for a partner installation's listing, which search shows in every network.</summary>
    public Guid? NetworkId { get; init; }

    /// <summary>Who may see a local listing (README of Networks); with <see cref="NetworkId"/>, who may hear of it.</summary>
    public ListingVisibility Visibility { get; init; } = ListingVisibility.Everyone;

    public static ListingFacts Of(Guid id, Guid organizationId, ListingKind kind, string category, IEnumerable<string> modes,
        string? communeInsee, double? latitude, double? longitude, string searchTitle, string searchBody, Taxonomy taxonomy)
    {
        var modeSet = modes.ToHashSet(StringComparer.Ordinal);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stem in searchTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries)) stems.Add(stem);
        foreach (var stem in searchBody.Split(' ', StringSplitOptions.RemoveEmptyEntries)) stems.Add(stem);
        return new ListingFacts(id, organizationId, kind, category, modeSet,
            modeSet.Any(m => taxonomy.FindMode(m)?.Market == true), modeSet.Any(m => taxonomy.FindMode(m)?.Market == false),
            communeInsee, latitude is { } lat && longitude is { } lon ? new GeoPoint(lat, lon) : null, stems);
    }

    /// <summary>The keys of the alert index this listing probes: its stems and its filter keys.</summary>
    public IEnumerable<string> ProbeKeys()
    {
        foreach (var stem in Stems) yield return AlertKeys.Word(stem);
        yield return AlertKeys.Category(Category);
        foreach (var mode in Modes) yield return AlertKeys.Mode(mode);
        yield return AlertKeys.Kind(Kind);
        yield return AlertKeys.Everything;
    }
}

/// <summary>
/// The keys of <c>saved_search_keys</c>. A saved search with text is filed under one concept, the
/// rarest among listings, by the rarest stem of each of its alternatives: any listing holding the
/// concept holds one of those stems. A search without text is filed under its most telling filter.
/// Filter keys hold a colon, which no stem does, so the two never meet.
/// </summary>
public static class AlertKeys
{
    public const string Everything = "*";

    /// <summary>The index's keys hold 100 characters; a longer word is filed and probed by its start (the full search decides).</summary>
    public const int MaxLength = 100;

    public static string Word(string stem) => stem.Length <= MaxLength ? stem : stem[..MaxLength];
    public static string Category(string slug) => "c:" + slug;
    public static string Mode(string slug) => "m:" + slug;
    public static string Kind(ListingKind kind) => "k:" + Infrastructure.Data.Slug.Of(kind);

    public static IReadOnlyList<string> For(SavedSearchProfile profile, SearchVocabulary vocabulary)
    {
        if (profile.HasText)
        {
            var concept = profile.Concepts.MinBy(c => c.Sum(a => Rarest(a, vocabulary).Frequency))!;
            return concept.Select(a => Word(Rarest(a, vocabulary).Stem)).Distinct().ToList();
        }
        if (profile.Categories.Count > 0) return profile.Categories.Select(Category).ToList();
        if (profile.Modes.Count > 0) return profile.Modes.Select(Mode).ToList();
        if (profile.Kind is { } kind) return [Kind(kind)];
        return [Everything];
    }

    static (string Stem, int Frequency) Rarest(string[] stems, SearchVocabulary vocabulary) =>
        stems.Select(s => (Stem: s, Frequency: vocabulary.DocumentFrequency(s))).MinBy(s => s.Frequency);
}
