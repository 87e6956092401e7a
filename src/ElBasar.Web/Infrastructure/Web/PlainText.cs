using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Text people typed (a listing's description), shown as they wrote it: every character encoded,
/// line breaks kept, and web addresses made links. Only http and https addresses become links, so
/// a <c>javascript:</c> or <c>data:</c> address stays text; links are marked as user content that
/// search engines should not follow, and the page they open cannot reach back to ours.
/// </summary>
public static partial class PlainText
{
    public const string LinkRel = "nofollow ugc noopener";

    public static IHtmlContent ToHtml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var html = new StringBuilder(normalized.Length + 64);
        var at = 0;
        foreach (Match match in Address().Matches(normalized))
        {
            var address = TrimTrailingPunctuation(match.Value);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
                continue;
            AppendText(html, normalized[at..match.Index]);
            var encoded = HtmlEncoder.Default.Encode(address);
            html.Append("<a href=\"").Append(encoded).Append("\" rel=\"").Append(LinkRel).Append("\">").Append(encoded).Append("</a>");
            at = match.Index + address.Length;
        }
        AppendText(html, normalized[at..]);
        return new HtmlString(html.ToString());
    }

    static void AppendText(StringBuilder html, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) html.Append("<br>");
            html.Append(HtmlEncoder.Default.Encode(lines[i]));
        }
    }

    /// <summary>"Voir https://exemple.fr/page." ends the address before the full stop; a closing bracket stays only when opened in the address.</summary>
    static string TrimTrailingPunctuation(string address)
    {
        var end = address.Length;
        while (end > 0)
        {
            var c = address[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '»') end--;
            else if (c == ')' && address[..end].Count(ch => ch == '(') < address[..end].Count(ch => ch == ')')) end--;
            else break;
        }
        return address[..end];
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
