using System.Buffers;
using System.Globalization;
using System.Text;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Turns French text into the words the full-text index holds and queries ask for: lower case,
/// no accents or ligatures, elisions (l', d', qu') dropped, hyphens and punctuation as spaces.
/// The same function feeds documents and queries, so both providers match alike.
/// </summary>
public static class SearchText
{
    static readonly string[] Elisions = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];


    /// <summary>Words too common to search by: articles, pronouns, prepositions, auxiliaries.</summary>
    static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "en", "et", "la", "le", "les",
        "leur", "leurs", "ou", "par", "pour", "sur", "un", "une", "nos", "notre", "vos", "votre", "sa", "son", "ses",
        "mon", "ma", "mes", "ton", "ta", "tes", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "qui",
        "que", "quoi", "dont", "est", "sont", "y", "se", "ne", "pas", "plus", "tres", "tout", "tous", "toute", "toutes",
        "aussi", "mais", "donc", "car", "si", "chez", "entre", "sans", "sous", "vers", "afin",
    };

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>The normalised text of a document: its words separated by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Words(text));

    /// <summary>The words of a query worth looking for (stop words removed unless nothing else is left).</summary>
    public static IReadOnlyList<string> QueryWords(string? text, int max = 12)
    {
        var words = Words(text).Distinct().ToList();
        var meaningful = words.Where(w => !IsStopWord(w)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Take(max).ToList();
    }

    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        var folded = Fold(text);
        foreach (var raw in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw;
            var apostrophe = word.IndexOf('\'');
            while (apostrophe >= 0)
            {
                var head = word[..apostrophe];
                var tail = word[(apostrophe + 1)..];
                if (Array.IndexOf(Elisions, head) < 0 && head.Length > 0) yield return head;
                word = tail;
                apostrophe = word.IndexOf('\'');
            }
            if (word.Length > 0) yield return word;
        }
    }

    // Normalize throws on half a surrogate pair (text cut in the middle of an emoji, a broken client):
    // such a half becomes a space, like any other character that is not a letter.
    static string WithoutLoneSurrogates(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = ' ';
        }
        return new string(chars);
    }

    static readonly SearchValues<char> Ligatures = SearchValues.Create("œŒæÆß");

    // Lower case, accents removed, every character that is not a letter, a digit or an
    // apostrophe becomes a space; typographic apostrophes become plain ones.
    static string Fold(string text)
    {
        if (text.AsSpan().IndexOfAny(Ligatures) >= 0)
            text = text.Replace("œ", "oe").Replace("Œ", "OE").Replace("æ", "ae").Replace("Æ", "AE").Replace("ß", "ss");
        var decomposed = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                    continue;
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.TitlecaseLetter or UnicodeCategory.DecimalDigitNumber:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
                default:
                    sb.Append(c is '\'' or '’' or 'ʼ' or '‘' ? '\'' : ' ');
                    break;
            }
        }
        return sb.ToString();
    }
}
