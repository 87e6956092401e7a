using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>
/// A small, strict reader of the .eml files the senders produce: unfolds and decodes headers
/// (RFC 2047), splits a multipart body and decodes quoted-printable or base64 parts as UTF-8.
/// </summary>
sealed partial class Eml
{
    public IReadOnlyList<(string Name, string RawValue)> RawHeaders { get; }
    public IReadOnlyList<(string ContentType, string TransferEncoding, string Body)> Parts { get; }
    public string RawHeaderBlock { get; }

    Eml(string headerBlock, IReadOnlyList<(string, string)> headers, IReadOnlyList<(string, string, string)> parts)
    {
        RawHeaderBlock = headerBlock;
        RawHeaders = headers;
        Parts = parts;
    }

    public string? Raw(string name) => RawHeaders.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(h => h.RawValue).SingleOrDefault();

    public string? Header(string name) => Raw(name) is { } raw ? DecodeWords(raw) : null;

    public string Body(string mediaType) => Parts.Single(p => new ContentType(p.ContentType).MediaType == mediaType).Body;

    public static Eml Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.DoesNotMatch(LoneLineBreak(), text);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, "A blank line separates the headers from the body.");
        var headerBlock = text[..split];
        var headers = ReadHeaders(headerBlock);
        var contentType = new ContentType(headers.Single(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
        var body = text[(split + 4)..];
        var parts = new List<(string, string, string)>();
        if (contentType.MediaType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var delimiter = "--" + contentType.Boundary;
            // The CRLF before a delimiter belongs to it; the first piece is the preamble, ignored.
            var pieces = ("\r\n" + body).Split("\r\n" + delimiter);
            Assert.True(pieces.Length >= 3, "A multipart body holds at least one part and a close delimiter.");
            Assert.StartsWith("--", pieces[^1]);
            foreach (var piece in pieces.Skip(1).SkipLast(1))
            {
                var partText = piece[piece.IndexOf("\r\n", StringComparison.Ordinal)..][2..];
                var partSplit = partText.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var partHeaders = ReadHeaders(partText[..partSplit]);
                parts.Add(ReadPart(partHeaders, partText[(partSplit + 4)..]));
            }
        }
        else parts.Add(ReadPart(headers, body));
        return new Eml(headerBlock, headers, parts);
    }

    static (string, string, string) ReadPart(List<(string Name, string Value)> headers, string body)
    {
        var type = headers.Single(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var encoding = headers.SingleOrDefault(h => h.Name.Equals("Content-Transfer-Encoding", StringComparison.OrdinalIgnoreCase)).Value?.Trim().ToLowerInvariant() ?? "7bit";
        Assert.Equal("utf-8", new ContentType(type).CharSet?.ToLowerInvariant());
        var decoded = encoding switch
        {
            "quoted-printable" => Encoding.UTF8.GetString(DecodeQuotedPrintable(body)),
            "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", ""))),
            _ => body,
        };
        return (type, encoding, decoded.ReplaceLineEndings("\n"));
    }

    static List<(string Name, string Value)> ReadHeaders(string block)
    {
        var headers = new List<(string, string)>();
        foreach (var line in block.Split("\r\n"))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                Assert.False(string.IsNullOrWhiteSpace(line), "A folded line holds more than white space.");
                var (name, value) = headers[^1];
                headers[^1] = (name, value + line);   // unfolding removes the CRLF, keeps the blank
            }
            else
            {
                var colon = line.IndexOf(':');
                Assert.True(colon > 0, $"Header line without a name: '{line}'");
                headers.Add((line[..colon], line[(colon + 1)..].TrimStart()));
            }
        }
        return headers;
    }

    static byte[] DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>();
        var lines = body.Split("\r\n");
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            Assert.True(line.Length <= 76, $"Quoted-printable line longer than 76: '{line}'");
            var soft = line.EndsWith('=');
            if (soft) line = line[..^1];
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '=')
                {
                    bytes.Add(Convert.ToByte(line.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    Assert.True(line[i] is '\t' or (>= ' ' and <= '~'), $"Character {(int)line[i]} must be encoded.");
                    bytes.Add((byte)line[i]);
                }
            }
            if (!soft && l < lines.Length - 1) bytes.AddRange("\r\n"u8.ToArray());
        }
        return bytes.ToArray();
    }

    /// <summary>RFC 2047: adjacent encoded words join without the white space between them.</summary>
    public static string DecodeWords(string value)
    {
        var joined = BetweenWords().Replace(value, "?==?");
        var result = new StringBuilder();
        var pending = new List<byte>();
        var last = 0;
        foreach (Match word in EncodedWord().Matches(joined))
        {
            if (word.Index > last)
            {
                result.Append(Encoding.UTF8.GetString(pending.ToArray()));
                pending.Clear();
                result.Append(joined, last, word.Index - last);
            }
            Assert.Equal("utf-8", word.Groups[1].Value.ToLowerInvariant());
            var payload = word.Groups[3].Value;
            pending.AddRange(word.Groups[2].Value.ToUpperInvariant() == "B"
                ? Convert.FromBase64String(payload)
                : DecodeQuotedPrintable(payload.Replace('_', ' ')));
            last = word.Index + word.Length;
        }
        result.Append(Encoding.UTF8.GetString(pending.ToArray()));
        result.Append(joined, last, joined.Length - last);
        return result.ToString();
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"(?<!\r)\n|\r(?!\n)")]
    private static partial Regex LoneLineBreak();
}
