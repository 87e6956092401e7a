using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchAnalyzerTests
{
    static readonly Thesaurus Thesaurus = new([
        ["tonnelle", "barnum", "chapiteau"],
        ["vélo", "bicyclette"],
        ["vélo cargo", "biporteur", "triporteur"],
        ["mécénat de compétences", "pro bono"],
    ]);

    static readonly SearchVocabulary Vocabulary = new(new Dictionary<string, int>
    {
        ["tonnel"] = 12, ["velo"] = 40, ["cargo"] = 9, ["compt"] = 20, ["salle"] = 30, ["reunion"] = 15, ["chai"] = 8, ["plian"] = 5,
        ["graf"] = 6, ["site"] = 11, ["internet"] = 10,
    }, 300);

    static AnalyzedQuery Analyze(string text) => SearchAnalyzer.AnalyzeQuery(text, Thesaurus, Vocabulary);

    [Theory]
    [InlineData("Vélos-cargos", "velo cargo")]
    [InlineData("L'atelier d'entraide des réparateurs", "atel entraid repar")]
    [InlineData("Tonnelle 3 x 3 m", "tonnel 3x3 m")]
    [InlineData("Tonnelle 3×3", "tonnel 3x3")]
    [InlineData("Les chaises et les tables", "chai tabl")]
    public void Documents_are_indexed_by_their_stems_without_stop_words(string text, string expected) =>
        Assert.Equal(expected, SearchAnalyzer.AnalyzeDocument(text));

    [Fact]
    public void A_thesaurus_phrase_is_one_concept_with_its_synonyms_weighted_below_the_word_typed()
    {
        var query = Analyze("vélo cargo");

        var concept = Assert.Single(query.Concepts);
        Assert.Equal("velo cargo", concept.Key);
        Assert.Equal(1.0, concept.Alternatives[0].Weight);
        Assert.Contains(concept.Alternatives, a => a.Stems.SequenceEqual([FrenchStemmer.Stem("biporteur")]) && a.Weight < 1.0);
    }

    [Theory]
    [InlineData("bicyclette", "velo")]
    [InlineData("barnums", "tonnel")]
    [InlineData("pro bono", "mecenat")]
    public void A_synonym_finds_the_other_words_of_its_group(string text, string word) =>
        Assert.Contains(FrenchStemmer.Stem(word), Analyze(text).AllStems);

    [Theory]
    [InlineData("tonelles", "tonnel")]
    [InlineData("comptabilté", "compt")]
    [InlineData("vleo", "velo")]
    public void A_word_absent_from_the_index_is_corrected_to_the_nearest_frequent_one(string text, string stem)
    {
        var query = Analyze(text);

        Assert.Equal([stem], query.CorrectedStems);
        Assert.Contains(stem, query.AllStems);
    }

    [Fact]
    public void A_known_word_is_never_corrected() => Assert.Empty(Analyze("salle").CorrectedStems);

    [Theory]
    [InlineData("on cherche quelqu'un pour refaire notre site internet", ListingKind.Offer)]
    [InlineData("besoin d'un logo pour notre association", ListingKind.Offer)]
    [InlineData("qui peut nous prêter une tonnelle", ListingKind.Offer)]
    [InlineData("je propose des cours de couture", ListingKind.Demand)]
    [InlineData("tonnelle", null)]
    public void Request_phrasing_hints_at_the_kind_wanted(string text, ListingKind? kind) =>
        Assert.Equal(kind, Analyze(text).KindHint);

    [Fact]
    public void Request_phrasing_is_dropped_from_the_words_searched() =>
        Assert.Equal(["refair", "site", "internet"], Analyze("on cherche quelqu'un pour refaire notre site internet").Concepts.Select(c => c.Key));

    [Fact]
    public void Stop_words_alone_are_still_searched() => Assert.Equal(["de", "la"], Analyze("de la").Concepts.Select(c => c.Key));
}
