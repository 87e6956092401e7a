using System.Net;
using System.Text.RegularExpressions;

namespace ElBasar.Tests.Support;

/// <summary>Pages as a reader sees them.</summary>
public static class Html
{
    /// <summary>Tags dropped, entities decoded (Razor writes "é" as "&amp;#xE9;"), runs of blanks made one space.</summary>
    public static string VisibleText(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " ")), "[ \t\r\n]+", " ");

    /// <summary>The HTML of a page that must answer 200 text/html.</summary>
    public static async Task<string> GetPageAsync(this TestApp app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
