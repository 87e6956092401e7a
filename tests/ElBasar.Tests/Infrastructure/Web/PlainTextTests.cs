using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Tests.Infrastructure.Web;

public sealed class PlainTextTests
{
    static string Html(string? text) => PlainText.ToHtml(text).ToString()!;

    [Theory]
    [InlineData("Ligne un\nLigne deux", "Ligne un<br>Ligne deux")]
    [InlineData("Ligne un\r\n\r\nLigne trois", "Ligne un<br><br>Ligne trois")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("Voir https://exemple.fr/page.", "Voir <a href=\"https://exemple.fr/page\" rel=\"nofollow ugc noopener\">https://exemple.fr/page</a>.")]
    [InlineData("(http://exemple.fr/a)", "(<a href=\"http://exemple.fr/a\" rel=\"nofollow ugc noopener\">http://exemple.fr/a</a>)")]
    [InlineData("https://fr.wikipedia.org/wiki/Tonnelle_(jardin)", "<a href=\"https://fr.wikipedia.org/wiki/Tonnelle_(jardin)\" rel=\"nofollow ugc noopener\">https://fr.wikipedia.org/wiki/Tonnelle_(jardin)</a>")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_is_encoded_with_its_line_breaks_and_web_addresses_made_links(string? text, string expected) =>
        Assert.Equal(expected, Html(text));

    [Fact]
    public void An_address_is_encoded_inside_and_outside_its_link()
    {
        var html = Html("https://exemple.fr/?a=1&b=\"x\"'");

        Assert.StartsWith("<a href=\"https://exemple.fr/?a=1&amp;b=\" rel=\"nofollow ugc noopener\">", html);
        Assert.Contains("&quot;x&quot;", html);
        Assert.DoesNotContain("\"x\"", html);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("http://")]
    [InlineData("<a href=\"javascript:alert(1)\">clic</a>")]
    public void Only_http_and_https_addresses_become_links(string text)
    {
        var html = Html(text);

        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("href", html.Replace("href=&quot;", ""));
    }

    [Fact]
    public void A_javascript_address_hidden_after_an_http_one_stays_inside_the_encoded_link()
    {
        var html = Html("http://x.fr/\"onmouseover=alert(1)//");

        Assert.Equal("<a href=\"http://x.fr/\" rel=\"nofollow ugc noopener\">http://x.fr/</a>&quot;onmouseover=alert(1)//", html);
    }
}
