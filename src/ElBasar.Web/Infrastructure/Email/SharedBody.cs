using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// A text and HTML body sent to many readers, stored once in the outbox (<c>outbox_bodies</c>)
/// whatever the number of its copies (<see cref="EmailCopy"/>). What differs per reader stays out
/// of it, as placeholders (<c>%%DESABONNEMENT%%</c>) that each copy fills with its own
/// <see cref="EmailCopy.Values"/> when sent: as is in the text, HTML-encoded in the HTML.
/// Two bodies with the same content are one: the outbox finds a body by the SHA-256 of its text and HTML.
/// </summary>
public sealed class SharedBody(string textBody, string htmlBody)
{
    public const int MinPlaceholderLength = 4;
    public const int MaxPlaceholderLength = 100;

    public string TextBody { get; } = textBody;
    public string HtmlBody { get; } = htmlBody;

    /// <summary>The SHA-256 of the text and the HTML, in lower-case hex; computed once per instance, so build one per body, not per copy.</summary>
    public string Hash => _hash ??= ComputeHash(TextBody, HtmlBody);
    string? _hash;

    internal static string ComputeHash(string text, string html)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var textBytes = Encoding.UTF8.GetBytes(text);
        // The text's length first: no two different pairs hash the same bytes.
        sha.AppendData(BitConverter.GetBytes((long)textBytes.Length));
        sha.AppendData(textBytes);
        sha.AppendData(Encoding.UTF8.GetBytes(html));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// The body with each placeholder replaced by its value, in one pass: a value that happens to
    /// hold another placeholder stays as it is.
    /// </summary>
    internal static string Fill(string body, IReadOnlyDictionary<string, string> values, bool html)
    {
        if (values.Count == 0) return body;
        var pattern = string.Join('|', values.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        return Regex.Replace(body, pattern, m => html ? WebUtility.HtmlEncode(values[m.Value]) : values[m.Value]);
    }
}
