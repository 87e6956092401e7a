using System.Globalization;
using System.Text;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Writes iCalendar (RFC 5545) by hand, for events and lending alike: CRLF line ends, lines folded
/// at 75 octets without cutting a UTF-8 character (3.1), TEXT escaped (3.3.11), a UID and a DTSTAMP
/// on every event. Timed events are written as Paris wall-clock times with the VTIMEZONE they refer
/// to; all-day ones as <c>DTSTART;VALUE=DATE</c> with an exclusive <c>DTEND</c> (3.6.1).
/// </summary>
public sealed class ICalendar
{
    /// <summary>One timed VEVENT. Times are UTC instants; they are written as Paris wall-clock times.</summary>
    public sealed record Entry(string Uid, DateTime StartsAt, DateTime EndsAt, string Summary, DateTime Stamp)
    {
        public string? Description { get; init; }
        public string? Location { get; init; }
        public string? Url { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public DateTime? LastModified { get; init; }
    }

    public const string ContentType = "text/calendar; charset=utf-8";

    const string TimeZone = "Europe/Paris";
    static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    readonly StringBuilder _out = new();
    readonly DateTime _stamp;

    /// <summary>A calendar named <paramref name="name"/>; <paramref name="stampUtc"/> is the DTSTAMP of its all-day events.</summary>
    public ICalendar(string name, DateTime stampUtc)
    {
        _stamp = stampUtc;
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//elBasar//elBasar//FR");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        Line("X-WR-TIMEZONE:" + TimeZone);
    }

    /// <summary>A calendar of timed events, with the Paris time zone they are written in.</summary>
    public static string Write(string name, IEnumerable<Entry> entries)
    {
        var calendar = new ICalendar(name, DateTime.UnixEpoch);
        calendar.WriteParisTimeZone();
        foreach (var entry in entries) calendar.WriteEvent(entry);
        return calendar.ToString();
    }

    /// <summary>An all-day event over inclusive dates <paramref name="from"/>..<paramref name="to"/>.</summary>
    public ICalendar AllDay(string uid, DateOnly from, DateOnly to, string summary, string? description = null, string? url = null, bool tentative = false)
    {
        Line("BEGIN:VEVENT");
        Line("UID:" + Escape(uid));
        Line("DTSTAMP:" + Utc(_stamp));
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

    public override string ToString() => _out + "END:VCALENDAR\r\n";

    // The rules in force in Paris since 1996 (EU summer time): enough for every event we publish.
    void WriteParisTimeZone()
    {
        Line("BEGIN:VTIMEZONE");
        Line("TZID:" + TimeZone);
        Line("BEGIN:DAYLIGHT");
        Line("TZOFFSETFROM:+0100");
        Line("TZOFFSETTO:+0200");
        Line("TZNAME:CEST");
        Line("DTSTART:19810329T020000");
        Line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
        Line("END:DAYLIGHT");
        Line("BEGIN:STANDARD");
        Line("TZOFFSETFROM:+0200");
        Line("TZOFFSETTO:+0100");
        Line("TZNAME:CET");
        Line("DTSTART:19961027T030000");
        Line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
    }

    void WriteEvent(Entry e)
    {
        Line("BEGIN:VEVENT");
        Line("UID:" + Escape(e.Uid));
        Line("DTSTAMP:" + Utc(e.Stamp));
        Line($"DTSTART;TZID={TimeZone}:" + Local(e.StartsAt));
        Line($"DTEND;TZID={TimeZone}:" + Local(e.EndsAt));
        Line("SUMMARY:" + Escape(e.Summary));
        if (e.Description is { Length: > 0 } d) Line("DESCRIPTION:" + Escape(d));
        if (e.Location is { Length: > 0 } l) Line("LOCATION:" + Escape(l));
        if (e.Latitude is { } lat && e.Longitude is { } lon)
            Line(string.Create(CultureInfo.InvariantCulture, $"GEO:{lat:0.######};{lon:0.######}"));
        if (e.Url is { Length: > 0 } u) Line("URL:" + u);
        if (e.LastModified is { } m) Line("LAST-MODIFIED:" + Utc(m));
        Line("END:VEVENT");
    }

    static string Date(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT values (3.3.11): backslash, semicolon, comma and line breaks escaped; other control characters dropped.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text.Replace("\r\n", "\n").Replace('\r', '\n'))
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

    /// <summary>Writes one content line, folded so that no physical line passes 75 octets, the CRLF excluded (3.1).</summary>
    void Line(string content)
    {
        var octets = 0;
        var limit = 75;
        var i = 0;
        while (i < content.Length)
        {
            var length = char.IsSurrogatePair(content, i) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(content.AsSpan(i, length));
            if (octets + size > limit)
            {
                _out.Append("\r\n ");
                octets = 0;
                limit = 74;   // the leading space of a continuation line counts
            }
            _out.Append(content, i, length);
            octets += size;
            i += length;
        }
        _out.Append("\r\n");
    }
}
