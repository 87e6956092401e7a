using System.Text;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Infrastructure;

/// <summary>
/// Random input, thousands of cases, a fixed seed (a failure replays): the import parser, the search
/// query analyser, the member import's CSV reader and the calendar rules never throw; where it is cheap,
/// their output keeps its invariants.
/// </summary>
public sealed class FuzzTests
{
    const int Seed = 20261123;

    /// <summary>Pieces random text is made of: the hostile corpus, the characters parsers care about, French words.</summary>
    static readonly string[] Pieces =
    [
        .. HostileInput.Texts.Where(t => t.Value.Length < 1000).Select(t => t.Value),
        "\"", "'", ",", ";", "\t", "\r\n", "\n", "\r", "\\", "{", "}", "[", "]", ":", "*", "^", "&", "|", "!", "-", "(", ")", "<->",
        "vélo", "Vélos-cargos", "réparation", "tonnelle", "l'atelier", "œuvre", "ÉTÉ", "ß", "İ", "ﬁ", "😀", "\u0301", "\u202E", "\u200B", "\uFEFF",
        HostileInput.LoneSurrogate, "\uD83D", "\uDE00", "\0", " ", "  ", "ET", "OU", "SAUF", "NEAR", "AND", "OR", "NOT",
    ];

    static string RandomText(Random random, int maxPieces = 12)
    {
        var sb = new StringBuilder();
        for (var i = random.Next(maxPieces + 1); i > 0; i--)
        {
            if (random.Next(4) == 0) sb.Append((char)random.Next(0, 0x10000));
            else sb.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return sb.ToString();
    }

    static byte[] RandomBytes(Random random, int max)
    {
        var bytes = new byte[random.Next(max + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    static readonly Thesaurus Thesaurus = new([["tonnelle", "barnum", "chapiteau"], ["vélo", "bicyclette"], ["vélo cargo", "biporteur"]]);
    static readonly SearchVocabulary Vocabulary = new(new Dictionary<string, int> { ["tonnel"] = 12, ["velo"] = 40, ["cargo"] = 9, ["repar"] = 7 }, 300);

    [Fact]
    public void The_search_analyser_takes_any_text_and_gives_stems_without_blanks()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 5000; i++)
        {
            var text = RandomText(random);
            var document = SearchAnalyzer.AnalyzeDocument(text);
            var query = SearchAnalyzer.AnalyzeQuery(text, Thesaurus, Vocabulary);
            foreach (var stem in query.Concepts.SelectMany(c => c.Alternatives).SelectMany(a => a.Stems).Concat(query.CorrectedStems))
                Assert.True(stem.Length > 0 && !stem.Any(char.IsWhiteSpace) && !stem.Any(char.IsSurrogate), $"Stem «{stem}» of «{text}».");
            Assert.DoesNotContain(document.Split(' ', StringSplitOptions.RemoveEmptyEntries), t => t.Any(char.IsWhiteSpace));
        }
    }

    static readonly Taxonomy Taxonomy = Taxonomy.LoadEmbedded();
    static readonly Territories France = Territories.LoadDefault();

    static string? RandomParameter(Random random, params string[] good) => random.Next(5) switch
    {
        0 => null,
        1 => good[random.Next(good.Length)],
        2 => HostileInput.Numbers[random.Next(HostileInput.Numbers.Count)].Value,
        3 => random.NextDouble() < 0.5 ? random.Next(int.MinValue, int.MaxValue).ToString() : (random.NextDouble() * 2e6 - 1e6).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => RandomText(random, 4),
    };

    [Fact]
    public void A_search_query_of_random_parameters_is_either_checked_or_refused_with_errors_by_name()
    {
        var random = new Random(Seed);
        string[] names = ["q", "kind", "category", "mode", "market", "lat", "lon", "radiusKm", "page", "pageSize", "territory", "commune", "sort", "availableFrom", "availableTo"];
        for (var i = 0; i < 5000; i++)
        {
            var parameters = new ListingQueryParameters(
                RandomText(random), RandomParameter(random, "offer", "demand"),
                random.Next(3) == 0 ? null : [RandomParameter(random, "mobility", "equipment") ?? ""],
                random.Next(3) == 0 ? null : [RandomParameter(random, "loan", "service") ?? ""],
                RandomParameter(random, "true", "false"), RandomParameter(random, "50.63", "90", "-90.0001"), RandomParameter(random, "3.06", "180.5"),
                RandomParameter(random, "10", "0", "1000"), RandomParameter(random, "1", "2147483647"), RandomParameter(random, "20", "100", "0"),
                RandomParameter(random, "59", "59350", "200093136"), RandomParameter(random, "Lille", "Arras"), RandomParameter(random, "nearest", "newest"),
                RandomParameter(random, "2026-12-01", "0000-01-01", "9999-12-31", "2026-02-30"), RandomParameter(random, "2026-12-05", "9999-12-31"));

            var query = ListingQuery.Parse(parameters, Taxonomy, France, out var errors);

            Assert.All(errors.Keys, k => Assert.Contains(k, names, StringComparer.OrdinalIgnoreCase));
            if (errors.Count > 0) continue;
            Assert.InRange(query.PageSize, 1, ListingQuery.MaxPageSize);
            Assert.True(query.Page >= 1);
            Assert.True(query.Text.Length <= ListingQuery.MaxTextLength);
            if (query.RadiusKm is { } radius) Assert.InRange(radius, 0, ListingQuery.MaxRadiusKm);
            if (query.Latitude is { } lat) Assert.InRange(lat, -90, 90);
        }
    }

    static byte[] RandomCsv(Random random)
    {
        var sb = new StringBuilder();
        var separator = ";,\t|"[random.Next(4)];
        for (var row = random.Next(8); row >= 0; row--)
        {
            for (var cell = random.Next(6); cell >= 0; cell--)
            {
                var text = RandomText(random, 3);
                sb.Append(random.Next(3) == 0 ? "\"" + text.Replace("\"", "\"\"") + (random.Next(5) == 0 ? "" : "\"") : text);
                if (cell > 0) sb.Append(separator);
            }
            sb.Append(random.Next(3) == 0 ? "\n" : "\r\n");
        }
        var encoding = random.Next(3) switch { 0 => Encoding.UTF8, 1 => Encoding.Latin1, _ => Encoding.Unicode };
        var bytes = encoding.GetBytes(sb.ToString());
        if (random.Next(3) == 0) bytes = [.. encoding.GetPreamble(), .. bytes];
        return random.Next(4) switch
        {
            0 => RandomBytes(random, 300),
            1 => bytes[..random.Next(bytes.Length + 1)],
            _ => bytes,
        };
    }

    [Fact]
    public void The_member_import_reads_any_bytes_as_a_sheet()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 5000; i++)
        {
            var sheet = SpreadsheetCsv.Read(RandomCsv(random));

            Assert.False(string.IsNullOrEmpty(sheet.EncodingName));
            Assert.All(sheet.Rows, r => Assert.True(r.Line >= 1));
            if (sheet.Headers.Count == 0) Assert.Empty(sheet.Rows);
        }
    }

    static readonly string[] ValidLines =
    [
        """{"externalId":"org-12","name":"Atelier Roue Libre","legalForm":"scop","communeInsee":"59350","latitude":50.6292,"longitude":3.0573,"activities":["réparation de vélos"],"employees":4}""",
        """{"externalId":"org-13","name":"Mine de rien","kind":"individual","communeInsee":"62498","commune":"Lens","member":false}""",
    ];

    static readonly string[] ValidListings =
    [
        """{"externalId":"lst-40","organizationExternalId":"org-12","kind":"offer","title":"Révision de vélos cargos","description":"Nous entretenons les vélos cargos.","category":"mobility","exchangeModes":["service"],"price":60,"createdAt":"2026-10-01T08:00:00Z"}""",
        """{"externalId":"lst-41","organizationExternalId":"org-13","kind":"demand","title":"Cherche une tonnelle","category":"equipment","exchangeModes":["loan","rental"],"communeInsee":"62041"}""",
    ];

    static readonly string[] HostileValues =
    [
        "1e309", "-1", "99999999999999999999", "NaN", "-0", "1.5", "true", "null", "[]", "{}", "[[[[[[[[[[]]]]]]]]]]", "\"\"",
        "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"2026-02-30\"", "\"\\ud800\"", "\"<script>alert(1)</script>\"",
        "{\"a\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}",
        "\"" + new string('x', 5000) + "\"", "[\"a\",1,null]", "[\"\"]",
    ];

    /// <summary>A valid line, mutated: cut short, a random byte, one field's value replaced by a hostile one, a field added.</summary>
    static byte[] Mutate(Random random, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        switch (random.Next(5))
        {
            case 0: return bytes[..random.Next(bytes.Length + 1)];
            case 1:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2:
                var colons = line.Select((c, i) => (c, i)).Where(p => p.c == ':').Select(p => p.i).ToList();
                var at = colons[random.Next(colons.Count)] + 1;
                var end = line.IndexOfAny([',', '}'], at);
                var rest = end < 0 ? "}" : line[end..];
                return Encoding.UTF8.GetBytes(line[..at] + HostileValues[random.Next(HostileValues.Length)] + rest);
            case 3: return Encoding.UTF8.GetBytes(line[..^1] + ",\"extra\":" + HostileValues[random.Next(HostileValues.Length)] + "}");
            default: return Encoding.UTF8.GetBytes(RandomText(random));
        }
    }

    [Fact]
    public async Task The_import_parser_rejects_each_broken_line_by_number_and_never_throws()
    {
        await using var app = await TestApp.StartAsync("sqlite");
        var random = new Random(Seed);
        foreach (var (lines, listings) in new[] { (ValidLines, false), (ValidListings, true) })
        {
            var input = new MemoryStream();
            var written = 0;
            for (var i = 0; i < 3000; i++)
            {
                var line = Mutate(random, lines[random.Next(lines.Length)]);
                if (line.Contains((byte)'\n') || line.Contains((byte)'\r')) continue;
                input.Write(line);
                input.WriteByte((byte)'\n');
                written++;
            }
            input.Position = 0;

            var report = await app.WithDbAsync(async (_, services) =>
            {
                var importer = services.GetRequiredService<Importer>();
                return listings ? await importer.ImportListingsAsync(input) : await importer.ImportOrganizationsAsync(input);
            });

            Assert.True(report.Rejected.Count > written / 2, $"{report.Rejected.Count} of {written} rejected.");
            Assert.All(report.Rejected, r => Assert.InRange(r.Line, 1, written));
            Assert.All(report.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }
    }

    [Fact]
    public void The_calendar_writes_any_title_in_folded_escaped_lines_of_at_most_75_octets()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 3000; i++)
        {
            var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 60 * 24 * 365 * 60));
            var entries = Enumerable.Range(0, random.Next(1, 4)).Select(n => new ICalendar.Entry($"event-{i}-{n}@elbasar", start, start.AddHours(random.Next(0, 48)),
                RandomText(random, 30), start)
            {
                Description = random.Next(2) == 0 ? null : RandomText(random, 60),
                Location = RandomText(random, 5),
                Latitude = random.Next(2) == 0 ? null : random.NextDouble() * 180 - 90,
                Longitude = random.NextDouble() * 360 - 180,
            }).ToList();

            var text = ICalendar.Write(RandomText(random, 4), entries);

            Assert.EndsWith("END:VCALENDAR\r\n", text);
            var lines = text[..^2].Split("\r\n");
            foreach (var line in lines)
            {
                Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"A line of {Encoding.UTF8.GetByteCount(line)} octets: {line}");
                Assert.DoesNotContain('\n', line);
                Assert.DoesNotContain('\r', line);
                Assert.False(line.Any(c => char.IsControl(c) && c != '\t'), $"A control character in {line}");
            }
            var unfolded = string.Join("", lines.Select(l => l.StartsWith(' ') ? l[1..] : "\n" + l)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(entries.Count, unfolded.Count(l => l == "BEGIN:VEVENT"));
            Assert.All(unfolded.Where(l => l.StartsWith("SUMMARY:")), l => Assert.DoesNotMatch(@"(?<!\\)(\\\\)*[,;]", l["SUMMARY:".Length..]));
        }
    }

    [Fact]
    public void Paris_times_and_month_grids_hold_for_random_days_including_the_clock_changes()
    {
        var random = new Random(Seed);
        var today = new DateOnly(2026, 11, 23);
        for (var i = 0; i < 5000; i++)
        {
            // One case in four on a night the clocks change (last Sunday of March or October), around 2 or 3 a.m.
            var year = random.Next(1, 10000);
            DateTime local;
            if (random.Next(4) == 0)
            {
                var month = random.Next(2) == 0 ? 3 : 10;
                var lastSunday = new DateTime(year, month, DateTime.DaysInMonth(year, month));
                while (lastSunday.DayOfWeek != DayOfWeek.Sunday) lastSunday = lastSunday.AddDays(-1);
                local = lastSunday.AddHours(random.Next(1, 4)).AddMinutes(random.Next(60));
            }
            else local = new DateTime(year, random.Next(1, 13), 1).AddDays(random.Next(28)).AddMinutes(random.Next(24 * 60));

            if (local.Year is > 1 and < 9999 && EventTimes.FromParis(local) is { } utc)
            {
                Assert.Equal(DateTimeKind.Utc, utc.Kind);
                Assert.Equal(local, EventTimes.ToParis(utc));
                Assert.False(string.IsNullOrEmpty(EventTimes.Long(utc)));
            }

            var weeks = ReservationCalendar.Month(local.Year, local.Month, random.Next(0, 5), today, new HashSet<DateOnly>(), []);
            Assert.InRange(weeks.Count, 4, 6);
            Assert.All(weeks, w => Assert.Equal(7, w.Count));
            Assert.All(weeks, w => Assert.Equal(DayOfWeek.Monday, w[0].Day.DayOfWeek));
            Assert.Equal(DateTime.DaysInMonth(local.Year, local.Month), weeks.SelectMany(w => w).Count(d => d.InMonth));
        }
    }
}
