using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Marks, in a title or an excerpt, the words the search looked for: a word is marked when its
/// folded, stemmed form is one of the query's stems, so "vélos" is marked for "velo". Every piece
/// of the text is HTML-encoded; only the <c>mark</c> tags are ours.
/// </summary>
public sealed class SearchHighlight(IEnumerable<string> stems)
{
    /// <summary>The key under which a page hands its highlight to the listing cards it renders.</summary>
    public const string ViewDataKey = "SearchHighlight";

    readonly HashSet<string> _stems = new(stems, StringComparer.Ordinal);

    public IHtmlContent Html(string? text)
    {
        if (string.IsNullOrEmpty(text)) return HtmlString.Empty;
        var encoder = HtmlEncoder.Default;
        if (_stems.Count == 0) return new HtmlString(encoder.Encode(text));
        var html = new StringBuilder(text.Length + 32);
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            var isWord = IsWordChar(text, start);
            while (end < text.Length && IsWordChar(text, end) == isWord) end += char.IsSurrogatePair(text, end) ? 2 : 1;
            var piece = text[start..end];
            if (isWord && Matches(piece)) html.Append("<mark>").Append(encoder.Encode(piece)).Append("</mark>");
            else html.Append(encoder.Encode(piece));
            start = end;
        }
        return new HtmlString(html.ToString());
    }

    // A word of letters and digits, accents included; the folding may still split it ("œuvre" stays one).
    bool Matches(string word) => SearchText.Words(word).Any(w => _stems.Contains(FrenchStemmer.Stem(w)));

    static bool IsWordChar(string text, int index)
    {
        var category = CharUnicodeInfo.GetUnicodeCategory(text, index);
        return category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark;
    }
}
