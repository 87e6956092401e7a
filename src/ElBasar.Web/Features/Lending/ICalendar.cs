using System.Globalization;
using System.Text;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Writes iCalendar (RFC 5545) by hand: CRLF line ends, lines folded at 75 octets without cutting a
/// UTF-8 sequence (3.1), TEXT escaped (3.3.11), all-day events as <c>DTSTART;VALUE=DATE</c> with an
/// exclusive <c>DTEND</c> (3.6.1), and the required UID and DTSTAMP on every event.
/// </summary>
public sealed class ICalendar
{
    readonly StringBuilder _text = new();
    readonly DateTime _stamp;

    public ICalendar(string name, DateTime stampUtc)
    {
        _stamp = stampUtc;
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//elBasar//Pret de materiel//FR");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        Line("X-WR-TIMEZONE:Europe/Paris");
    }

    /// <summary>An all-day event over inclusive dates <paramref name="from"/>..<paramref name="to"/>.</summary>
    public ICalendar AllDay(string uid, DateOnly from, DateOnly to, string summary, string? description = null, string? url = null, bool tentative = false)
    {
        Line("BEGIN:VEVENT");
        Line("UID:" + uid);
        Line("DTSTAMP:" + _stamp.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Line("DTSTART;VALUE=DATE:" + Date(from));
        Line("DTEND;VALUE=DATE:" + Date(to.AddDays(1)));
        Line("SUMMARY:" + Escape(summary));
        if (description is { Length: > 0 }) Line("DESCRIPTION:" + Escape(description));
        if (url is { Length: > 0 }) Line("URL:" + url);
        Line("STATUS:" + (tentative ? "TENTATIVE" : "CONFIRMED"));
        Line("TRANSP:TRANSPARENT");
        Line("END:VEVENT");
        return this;
    }

    public override string ToString() => _text + "END:VCALENDAR\r\n";

    static string Date(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon, comma and line breaks escaped; other controls dropped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var normalized = text.Replace("\r\n", "\n").Replace('\r', '\n');
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\n': sb.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Appends a content line folded so that no physical line exceeds 75 octets (the CRLF excluded).</summary>
    void Line(string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                _text.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space of a continuation line counts
            }
            _text.Append(line, i, length);
            octets += size;
            i += length - 1;
        }
        _text.Append("\r\n");
    }
}
