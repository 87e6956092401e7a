using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

public sealed class FrenchStemmerTests
{
    [Theory]
    [InlineData("reparer", "reparation", "reparateur", "reparatrice", "repare", "reparees", "reparations")]
    [InlineData("tonnelle", "tonnelles")]
    [InlineData("velo", "velos")]
    [InlineData("site", "sites")]
    [InlineData("demenager", "demenagement", "demenageur", "demenagements")]
    [InlineData("formation", "former", "formateur", "formatrice", "formations")]
    [InlineData("graphiste", "graphisme", "graphistes", "grafiste")]
    [InlineData("jardinage", "jardiner", "jardinier", "jardiniere", "jardin", "jardins")]
    [InlineData("comptabilite", "comptable", "comptables")]
    [InlineData("informatique", "informatiques")]
    [InlineData("electricien", "electricienne", "electriciens")]
    [InlineData("electricite", "electrique", "electriques")]
    [InlineData("local", "locaux")]
    [InlineData("panneau", "panneaux")]
    [InlineData("benevole", "benevoles", "benevolat")]
    [InlineData("don", "dons", "donner", "donation")]
    [InlineData("solidaire", "solidaires")]
    [InlineData("equipement", "equiper", "equipements")]
    [InlineData("sportive", "sportif", "sportives")]
    [InlineData("professionnel", "professionnelle", "professionnels")]
    [InlineData("peintre", "peinture")]
    [InlineData("nettoyage", "nettoyer")]
    public void Words_of_one_family_share_one_stem(params string[] words) =>
        Assert.Single(words.Select(FrenchStemmer.Stem).Distinct());

    [Theory]
    [InlineData("electricien", "electrique")]
    [InlineData("salle", "sol")]
    [InlineData("vente", "velo")]
    [InlineData("panneau", "pain")]
    public void Different_words_keep_different_stems(string a, string b) =>
        Assert.NotEqual(FrenchStemmer.Stem(a), FrenchStemmer.Stem(b));

    [Theory]
    [InlineData("bus", "bus")]
    [InlineData("gaz", "gaz")]
    [InlineData("3x3", "3x3")]
    [InlineData("2026", "2026")]
    [InlineData("pc", "pc")]
    public void Short_words_and_numbers_are_left_alone(string word, string stem) =>
        Assert.Equal(stem, FrenchStemmer.Stem(word));
}
