using System.Net;
using System.Text.RegularExpressions;

namespace ElBasar.Tests.Support;

/// <summary>Fills a real form: loads the page (for its antiforgery token and cookie), then posts the fields.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(page, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
