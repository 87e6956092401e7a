using System.Text;
using System.Text.RegularExpressions;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.BrowserTests.Support;

/// <summary>One message of the test site's pickup folder, decoded: its recipient, subject and both bodies.</summary>
public sealed record Mail(string File, string To, string Subject, string Text, string Html);

/// <summary>
/// Reads the .eml files the test site writes (<see cref="SiteFixture.MailFolder"/>): headers unfolded,
/// RFC 2047 encoded words and quoted-printable bodies decoded, so that a test reads what a person reads.
/// </summary>
public static partial class Mailbox
{
    public static IReadOnlyList<Mail> Read(SiteFixture site) =>
        Directory.Exists(site.MailFolder)
            ? Directory.GetFiles(site.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(f => Parse(f, File.ReadAllText(f, Encoding.UTF8))).ToList()
            : [];

    /// <summary>
    /// The first message for <paramref name="to"/> that <paramref name="matches"/>, sending the outbox
    /// meanwhile (<see cref="OutboxDispatcher.DispatchOnceAsync"/>) rather than waiting for its poll.
    /// </summary>
    public static async Task<Mail> WaitForAsync(SiteFixture site, string to, Func<Mail, bool> matches, TimeSpan? timeout = null)
    {
        var dispatcher = site.Services.GetRequiredService<OutboxDispatcher>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            await dispatcher.DispatchOnceAsync();
            var found = Read(site).FirstOrDefault(m => m.To.Contains(to, StringComparison.OrdinalIgnoreCase) && matches(m));
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join(Environment.NewLine, Read(site).Select(m => $"  {m.To}: {m.Subject}"));
                Assert.Fail($"No mail for {to} as expected in {site.MailFolder}; there are:{Environment.NewLine}{seen}");
            }
            await Task.Delay(250);
        }
    }

    static Mail Parse(string file, string eml)
    {
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Headers(eml[..split]);
        var body = eml[(split + 4)..];
        var (text, html) = ("", "");
        var boundary = BoundaryParameter().Match(headers.GetValueOrDefault("content-type", "")).Groups[1].Value;
        var parts = boundary.Length > 0 ? body.Split("--" + boundary).Skip(1).Where(p => !p.StartsWith("--", StringComparison.Ordinal)) : [eml];
        foreach (var part in parts)
        {
            var end = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var partHeaders = Headers(part[..end].TrimStart('\r', '\n'));
            var content = part[(end + 4)..];
            if (partHeaders.GetValueOrDefault("content-transfer-encoding", "").Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
                content = QuotedPrintable(content);
            if (partHeaders.GetValueOrDefault("content-type", "").StartsWith("text/html", StringComparison.OrdinalIgnoreCase)) html = content;
            else text = content;
        }
        return new Mail(file, headers.GetValueOrDefault("to", ""), headers.GetValueOrDefault("subject", ""), text, html);
    }

    static Dictionary<string, string> Headers(string block)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unfolded = block.Replace("\r\n ", " ").Replace("\r\n\t", " ");
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = EncodedWords(line[(colon + 1)..].Trim());
        }
        return headers;
    }

    // RFC 2047: white space between two encoded words vanishes.
    static string EncodedWords(string value) =>
        EncodedWord().Replace(BetweenEncodedWords().Replace(value, "?==?"), m =>
        {
            var charset = Encoding.GetEncoding(m.Groups[1].Value);
            var data = m.Groups[3].Value;
            return m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? charset.GetString(Convert.FromBase64String(data))
                : charset.GetString(QuotedPrintableBytes(data.Replace('_', ' ')));
        });

    static string QuotedPrintable(string content) => Encoding.UTF8.GetString(QuotedPrintableBytes(content.Replace("=\r\n", "")));

    static byte[] QuotedPrintableBytes(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return bytes.ToArray();
    }

    [GeneratedRegex("boundary=\"?([^\";]+)\"?", RegexOptions.IgnoreCase)]
    private static partial Regex BoundaryParameter();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenEncodedWords();
}
