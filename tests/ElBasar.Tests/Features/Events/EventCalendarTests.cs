using System.Net;
using System.Text;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Tests.Features.Events;

public sealed class EventCalendarTests
{
    [SkippableTheory, BothDatabases]
    public async Task An_event_and_the_upcoming_ones_are_valid_iCalendar_in_Paris_time(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var ev = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif(capacity: 30));

        var response = await app.CreateClient().GetAsync($"/events/{ev.Id}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = CheckedLines(bytes);
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("BEGIN:VTIMEZONE", lines);
        Assert.Contains("TZID:Europe/Paris", lines);
        Assert.Contains($"UID:{ev.Id}@elbasar", lines);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20261203T183000", lines);
        Assert.Contains("DTEND;TZID=Europe/Paris:20261203T203000", lines);
        Assert.Contains("DTSTAMP:20261120T090000Z", lines);
        Assert.Contains("SUMMARY:Apéro itinérant chez Les Jardins d'Arras", lines);
        Assert.Contains("LOCATION:12 rue des Jardins\\, 62000 Arras", lines);
        Assert.Contains("GEO:50.291;2.7775", lines);
        Assert.Contains($"URL:{Eventing.BaseUrl}/evenements/{ev.Id}", lines);

        var all = CheckedLines(await app.CreateClient().GetByteArrayAsync("/events.ics"));
        Assert.Single(all, l => l == "BEGIN:VEVENT");
        Assert.Single(all, l => l == "BEGIN:VTIMEZONE");
    }

    [Fact]
    public void Long_text_is_escaped_and_folded_at_75_octets_without_cutting_a_character()
    {
        var summary = "Rencontre : « travailler ensemble, c'est… » ; éèàç " + new string('é', 80) + " 🍷\nfin";
        var text = ICalendar.Write("Test", [new ICalendar.Entry("x@elbasar", new DateTime(2026, 7, 1, 16, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 7, 1, 18, 0, 0, DateTimeKind.Utc), summary, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc))]);
        var lines = CheckedLines(Encoding.UTF8.GetBytes(text));
        var expected = "SUMMARY:" + summary.Replace(",", "\\,").Replace(";", "\\;").Replace("\n", "\\n");
        Assert.Contains(expected, lines);
        Assert.Contains("DTSTART;TZID=Europe/Paris:20260701T180000", lines);   // summer time: UTC+2
    }

    /// <summary>Checks the physical lines (CRLF only, at most 75 octets, valid UTF-8 each) and returns the unfolded content lines.</summary>
    static List<string> CheckedLines(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        Assert.DoesNotContain("\r", text.Replace("\r\n", ""));
        var physical = text[..^2].Split("\r\n");
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var line in physical)
        {
            var octets = strict.GetBytes(line);
            Assert.True(octets.Length <= 75, $"Line of {octets.Length} octets: {line}");
            strict.GetString(octets);
        }
        var unfolded = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ')) unfolded[^1] += line[1..];
            else unfolded.Add(line);
        }
        return unfolded;
    }
}
