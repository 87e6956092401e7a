using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Writes a message as an RFC 5322 / MIME document: multipart/alternative with the plain text
/// first and the HTML last (the part a reader prefers), both UTF-8 in quoted-printable so the
/// file stays readable; non-ASCII header text as RFC 2047 encoded words.
/// </summary>
static class EmlWriter
{
    const string Crlf = "\r\n";

    public static byte[] Write(Guid messageId, DateTimeOffset queuedAt, MailAddress from, EmailMessage message)
    {
        // "=_" never occurs in quoted-printable output, so the boundary cannot appear in a body.
        var boundary = $"=_{messageId:N}";
        var sb = new StringBuilder();
        sb.Append(Mailbox("From", from.Address, from.DisplayName));
        sb.Append(Mailbox("To", message.To.Address, message.To.DisplayName));
        sb.Append(Unstructured("Subject", message.Subject));
        sb.Append(new HeaderLine("Date").Add(Date(queuedAt)));
        sb.Append(new HeaderLine("Message-ID").Add(MessageId(messageId, from)));
        foreach (var (name, value) in message.Headers) sb.Append(Unstructured(name, value));
        sb.Append(new HeaderLine("MIME-Version").Add("1.0"));
        sb.Append(new HeaderLine("Content-Type").Add("multipart/alternative;").Add($"boundary=\"{boundary}\""));
        sb.Append(Crlf);
        Part(sb, boundary, "text/plain", message.TextBody);
        Part(sb, boundary, "text/html", message.HtmlBody);
        sb.Append("--").Append(boundary).Append("--").Append(Crlf);
        // ASCII but for a non-ASCII local part, which RFC 6532 lets through as UTF-8.
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>The same Message-ID on every send of one message, so a repeat is recognisable.</summary>
    public static string MessageId(Guid messageId, MailAddress from) => $"<{messageId:N}@{from.Host}>";

    public static string Date(DateTimeOffset when) =>
        when.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    static HeaderLine Mailbox(string name, string address, string? displayName)
    {
        var at = address.LastIndexOf('@');
        var ascii = address[..(at + 1)] + new IdnMapping().GetAscii(address[(at + 1)..]);
        var header = new HeaderLine(name);
        if (string.IsNullOrWhiteSpace(displayName)) return header.Add(ascii);
        return (IsPlainAscii(displayName)
            ? header.Add("\"" + displayName.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")
            : header.AddEncoded(displayName)).Add($"<{ascii}>");
    }

    /// <summary>Printable ASCII as is, folded at spaces; anything else as encoded words.</summary>
    static HeaderLine Unstructured(string name, string text)
    {
        var header = new HeaderLine(name);
        if (!IsPlainAscii(text) || text.Contains("=?", StringComparison.Ordinal)) return header.AddEncoded(text);
        foreach (var word in text.Split(' ')) header.Add(word);
        return header;
    }

    static bool IsPlainAscii(string text) => text.All(c => c is >= ' ' and <= '~');

    /// <summary>
    /// One header field, folded before a token that would pass 78 columns (RFC 5322), or 76 on a
    /// line holding an encoded word (RFC 2047, which also caps an encoded word at 75).
    /// </summary>
    sealed class HeaderLine(string name)
    {
        const int EncodedLineLimit = 76;
        const int EncodedWordOverhead = 12;   // "=?utf-8?B?" and "?="
        readonly StringBuilder _text = new StringBuilder(name).Append(':');
        int _column = name.Length + 1;
        bool _lineHasToken;
        bool _lineHasEncodedWord;

        public HeaderLine Add(string token) => Add(token, encoded: false);

        HeaderLine Add(string token, bool encoded)
        {
            var limit = encoded || _lineHasEncodedWord ? EncodedLineLimit : 78;
            if (_lineHasToken && token.Length > 0 && _column + 1 + token.Length > limit)
            {
                _text.Append(Crlf);
                _column = 0;
                _lineHasEncodedWord = false;
            }
            _text.Append(' ').Append(token);
            _column += 1 + token.Length;
            _lineHasToken = true;
            _lineHasEncodedWord |= encoded;
            return this;
        }

        // Cut between runes, never inside one, each piece a self-contained encoded word sized to
        // the room left on its line; the white space between two of them vanishes when decoded.
        // Pieces end after a space when they can: decoders that wrongly keep that white space
        // (Python's in display names) then show a double space rather than split a word.
        public HeaderLine AddEncoded(string text)
        {
            var chunk = new List<byte>();
            Span<byte> buffer = stackalloc byte[4];
            foreach (var rune in text.EnumerateRunes())
            {
                var length = rune.EncodeToUtf8(buffer);
                if (chunk.Count + length > Room())
                {
                    var cut = chunk.LastIndexOf((byte)' ') + 1;
                    if (cut <= 0) cut = chunk.Count;
                    Add(Encode(chunk[..cut]), encoded: true);
                    chunk.RemoveRange(0, cut);
                }
                for (var i = 0; i < length; i++) chunk.Add(buffer[i]);
            }
            return Add(Encode(chunk), encoded: true);
        }

        // Bytes an encoded word may carry on this line, or on a fresh line when too few fit here.
        int Room()
        {
            var here = (EncodedLineLimit - _column - 1 - EncodedWordOverhead) / 4 * 3;
            return here >= 4 ? here : (EncodedLineLimit - 1 - EncodedWordOverhead) / 4 * 3;
        }

        static string Encode(List<byte> bytes) => $"=?utf-8?B?{Convert.ToBase64String(bytes.ToArray())}?=";

        public override string ToString() => _text + Crlf;
    }

    static void Part(StringBuilder sb, string boundary, string mediaType, string body)
    {
        sb.Append("--").Append(boundary).Append(Crlf);
        sb.Append(new HeaderLine("Content-Type").Add($"{mediaType};").Add("charset=utf-8"));
        sb.Append(new HeaderLine("Content-Transfer-Encoding").Add("quoted-printable"));
        sb.Append(Crlf);
        AppendQuotedPrintable(sb, body);
        sb.Append(Crlf);
    }

    /// <summary>RFC 2045 section 6.7: lines of at most 76 characters, soft breaks "=", no trailing blanks.</summary>
    internal static void AppendQuotedPrintable(StringBuilder sb, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0) sb.Append(Crlf);
            var bytes = Encoding.UTF8.GetBytes(lines[l]);
            var column = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var literal = b is >= 33 and <= 126 and not (byte)'=' || (b is (byte)' ' or (byte)'\t' && i < bytes.Length - 1);
                if (column + (literal ? 1 : 3) > 75)
                {
                    sb.Append('=').Append(Crlf);
                    column = 0;
                }
                // A dot opening a line is encoded too: some relays take a lone "." for the end of the message.
                if (column == 0 && b == (byte)'.') literal = false;
                var width = literal ? 1 : 3;
                if (literal) sb.Append((char)b);
                else sb.Append('=').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                column += width;
            }
        }
    }
}
