using System.Globalization;
using System.Text;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Writes iCalendar (RFC 5545) with Paris times: CRLF line ends, lines folded at 75 octets without
/// cutting a UTF-8 character, text escaped (backslash, semicolon, comma, line breaks), a VTIMEZONE
/// for Europe/Paris that the local times refer to, a UID and a DTSTAMP per event.
/// </summary>
public sealed class ICalendar
{
    /// <summary>One VEVENT. Times are UTC instants; they are written as Paris wall-clock times.</summary>
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

    public static string Write(string name, IEnumerable<Entry> entries)
    {
        var calendar = new ICalendar();
        calendar.Line("BEGIN:VCALENDAR");
        calendar.Line("VERSION:2.0");
        calendar.Line("PRODID:-//elBasar//Evenements du reseau//FR");
        calendar.Line("CALSCALE:GREGORIAN");
        calendar.Line("METHOD:PUBLISH");
        calendar.Line("X-WR-CALNAME:" + Escape(name));
        calendar.Line("X-WR-TIMEZONE:" + TimeZone);
        calendar.WriteParisTimeZone();
        foreach (var entry in entries) calendar.WriteEvent(entry);
        calendar.Line("END:VCALENDAR");
        return calendar._out.ToString();
    }

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

    static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 §3.3.11).</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>Writes one content line, folded so that no physical line passes 75 octets (§3.1).</summary>
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
