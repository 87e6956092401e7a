using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Vélo CARGO", "velo cargo")]
    [InlineData("Œuvre d'art et ex-æquo", "oeuvre art et ex aequo")]
    [InlineData("L'atelier d’entraide", "atelier entraide")]
    [InlineData("qu'il jusqu'au lorsqu'on", "il au on")]
    [InlineData("vélo-cargo", "velo cargo")]
    [InlineData("Tonnelle 3x3 m, 50 €!", "tonnelle 3x3 m 50")]
    [InlineData("  espaces   multiples\n\tet retours  ", "espaces multiples et retours")]
    [InlineData("aujourd'hui", "aujourd hui")]
    [InlineData("Ça coûte « cher » ?", "ca coute cher")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_is_folded_to_plain_lowercase_words(string? text, string expected) =>
        Assert.Equal(expected, SearchText.Normalize(text));

    [Theory]
    [InlineData("la tonnelle de la fête", new[] { "tonnelle", "fete" })]
    [InlineData("garde d'enfants", new[] { "garde", "enfants" })]
    [InlineData("de la", new[] { "de", "la" })]
    [InlineData("vélo vélo VÉLO", new[] { "velo" })]
    [InlineData("\"NEAR( * OR", new[] { "near", "or" })]
    public void Query_words_drop_stop_words_and_repeats_unless_nothing_else_is_left(string query, string[] expected) =>
        Assert.Equal(expected, SearchText.QueryWords(query));

    [Fact]
    public void A_very_long_query_keeps_a_bounded_number_of_words() =>
        Assert.Equal(12, SearchText.QueryWords(string.Join(' ', Enumerable.Range(0, 50).Select(i => $"mot{i}"))).Count);
}
