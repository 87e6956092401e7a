using System.Text;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Tests.Features.Lending;

public sealed class ICalendarTests
{
    static readonly DateTime Stamp = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_all_day_event_has_a_date_start_an_exclusive_end_a_uid_and_a_stamp()
    {
        var text = new ICalendar("Tentes", Stamp).AllDay("r1@elbasar", new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 6), "Tente").ToString();
        RfcRules.AssertValid(text);
        Assert.Contains("\r\nDTSTART;VALUE=DATE:20261205\r\n", text);
        Assert.Contains("\r\nDTEND;VALUE=DATE:20261207\r\n", text);
        Assert.Contains("\r\nUID:r1@elbasar\r\n", text);
        Assert.Contains("\r\nDTSTAMP:20261120T090000Z\r\n", text);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", text);
        Assert.EndsWith("END:VCALENDAR\r\n", text);
    }

    [Fact]
    public void Text_is_escaped()
    {
        Assert.Equal(@"Tente\, 3x3 m\; bâche \\ piquets\nà rendre", ICalendar.Escape("Tente, 3x3 m; bâche \\ piquets\r\nà rendre"));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_cutting_a_character()
    {
        var summary = string.Concat(Enumerable.Repeat("Tente de réception é€🚲 ", 12));
        var text = new ICalendar("Long", Stamp).AllDay("r2@elbasar", new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), summary).ToString();
        RfcRules.AssertValid(text);
        Assert.Contains("SUMMARY:" + ICalendar.Escape(summary), RfcRules.Unfold(text));
    }
}

/// <summary>RFC 5545 rules a calendar file must keep, checked on the raw text.</summary>
static class RfcRules
{
    public static void AssertValid(string text)
    {
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", text.Replace("\r\n", ""));
        Assert.EndsWith("\r\n", text);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"Line over 75 octets: {l}"));
        Assert.All(lines, l => Assert.DoesNotContain('\uFFFD', l));
        var unfolded = Unfold(text).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BEGIN:VCALENDAR", unfolded[0]);
        Assert.Equal("END:VCALENDAR", unfolded[^1]);
        Assert.Contains("VERSION:2.0", unfolded);
        Assert.Contains(unfolded, l => l.StartsWith("PRODID:"));
        var events = 0;
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] != "BEGIN:VEVENT") continue;
            events++;
            var end = Array.IndexOf(unfolded, "END:VEVENT", i);
            var props = unfolded[(i + 1)..end];
            Assert.Single(props, p => p.StartsWith("UID:"));
            Assert.Single(props, p => System.Text.RegularExpressions.Regex.IsMatch(p, @"^DTSTAMP:\d{8}T\d{6}Z$"));
            var start = Assert.Single(props, p => p.StartsWith("DTSTART"));
            Assert.Matches(@"^DTSTART;VALUE=DATE:\d{8}$", start);
            var stop = Assert.Single(props, p => p.StartsWith("DTEND"));
            Assert.Matches(@"^DTEND;VALUE=DATE:\d{8}$", stop);
            Assert.True(string.CompareOrdinal(stop[^8..], start[^8..]) > 0, "DTEND is exclusive: after DTSTART");
        }
        Assert.Equal(events, unfolded.Count(l => l == "END:VEVENT"));
    }

    public static string Unfold(string text) => text.Replace("\r\n ", "");
}
