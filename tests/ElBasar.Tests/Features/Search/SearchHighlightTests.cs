using ElBasar.Web.Features.Search;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchHighlightTests
{
    static string Mark(string text, params string[] stems) => new SearchHighlight(stems).Html(text).ToString()!;

    [Theory]
    [InlineData("Vélos cargos", "velo", "<mark>V&#xE9;los</mark> cargos")]
    [InlineData("Prêt d'une tonnelle", "tonnel", "Pr&#xEA;t d&#x27;une <mark>tonnelle</mark>")]
    [InlineData("vélo-cargo", "cargo", "v&#xE9;lo-<mark>cargo</mark>")]
    [InlineData("L'atelier", "atel", "L&#x27;<mark>atelier</mark>")]
    [InlineData("Tonnelle 3x3 m", "3x3", "Tonnelle <mark>3x3</mark> m")]
    [InlineData("Rien à voir", "velo", "Rien &#xE0; voir")]
    public void Words_whose_stem_was_looked_for_are_marked(string text, string stem, string html) =>
        Assert.Equal(html, Mark(text, stem));

    [Fact]
    public void Markup_in_the_text_is_encoded_whether_marked_or_not() =>
        Assert.Equal("&lt;script&gt;<mark>velo</mark>&lt;/script&gt; &amp; <mark>V&#xE9;lo</mark>", Mark("<script>velo</script> & Vélo", "velo"));

    [Fact]
    public void Without_stems_the_text_is_only_encoded() =>
        Assert.Equal("a &lt;b&gt; c", Mark("a <b> c"));
}
