using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Exchanges;

/// <summary>
/// A known network: Lille and Roubaix (both in the Lille metropolis), Arras, Amiens (not a member) and
/// Lens (a member that never exchanges); confirmed, declared and disputed exchanges, market and not,
/// over several months and one the year before. Every figure and series of the period is checked.
/// </summary>
public sealed class ImpactTests
{
    internal sealed record Party(Organization Organization, HttpClient Client, Guid UserId);

    internal sealed record Network(Party Lille, Party Roubaix, Party Arras, Party Amiens, Organization Lens, Dictionary<string, Guid> Exchanges);

    internal static async Task<Party> PartyAsync(TestApp app, string name, string legalForm, string insee, string commune, double lat, double lon, bool member = true)
    {
        var builder = new OrganizationBuilder().Named(name).WithLegalForm(legalForm).In(insee, commune, lat, lon);
        if (!member) builder.NotMember();
        var organization = await builder.SaveAsync(app);
        var email = $"{insee}@exemple.org";
        var (client, id) = await SignedIn.PersonAsync(app, email, $"Personne de {commune}");
        await SignedIn.AddAsync(app, organization.Id, id, OrganizationRole.Owner);
        return new Party(organization, client, id);
    }

    internal static async Task<Guid> DeclareAsync(TestApp app, Party from, Party to, string mode, string date, string description,
        string? amount = null, string? hours = null, string? value = null, string? days = null, string category = "equipment", bool confirm = false, string? dispute = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<ExchangeLedger>();
        var declared = await ledger.DeclareAsync(from.UserId, new ExchangeFields
        {
            AsOrganizationId = from.Organization.Id, CounterpartOrganizationId = to.Organization.Id, Mode = mode, Date = date, Description = description,
            AmountEur = amount, Hours = hours, EstimatedValueEur = value, Days = days, Category = category,
        }, default);
        Assert.True(declared.Outcome == LedgerOutcome.Done, string.Join("; ", declared.Errors?.SelectMany(e => e.Value) ?? []));
        var id = declared.Exchange!.Id;
        if (confirm) Assert.Equal(LedgerOutcome.Done, (await ledger.ConfirmAsync(to.UserId, id, false, default)).Outcome);
        if (dispute is not null) Assert.Equal(LedgerOutcome.Done, (await ledger.DisputeAsync(to.UserId, id, dispute, default)).Outcome);
        return id;
    }

    internal static async Task<Network> BuildAsync(TestApp app)
    {
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var roubaix = await PartyAsync(app, "Coopérative de Roubaix", "scop", "59512", "Roubaix", 50.6942, 3.1746);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var amiens = await PartyAsync(app, "SCIC Amiénoise", "scic", "80021", "Amiens", 49.8942, 2.2957, member: false);
        var lens = await new OrganizationBuilder().Named("Jardin de Lens").In("62498", "Lens", 50.4322, 2.8333).SaveAsync(app);
        var ids = new Dictionary<string, Guid>
        {
            ["sale"] = await DeclareAsync(app, lille, roubaix, "sale", "2026-01-15", "Vente de chaises ; \"bon état\"\nlivrées", amount: "100,50", confirm: true),
            ["help"] = await DeclareAsync(app, lille, roubaix, "help", "2026-02-10", "Coup de main au déménagement", hours: "3,5", value: "70", category: "people", confirm: true),
            ["loan"] = await DeclareAsync(app, arras, lille, "loan", "2026-02-20", "Prêt d'une tonnelle", days: "5", value: "40", confirm: true),
            ["service"] = await DeclareAsync(app, amiens, arras, "service", "2026-03-05", "Site internet", amount: "250", category: "digital", confirm: true),
            ["declared"] = await DeclareAsync(app, lille, arras, "donation", "2026-03-06", "Don de livres", hours: "1"),
            ["disputed"] = await DeclareAsync(app, roubaix, amiens, "sale", "2026-03-07", "Vente contestée", amount: "999", dispute: "Nous n'avons rien acheté."),
            ["before"] = await DeclareAsync(app, roubaix, lille, "barter", "2025-12-20", "Troc de semences", hours: "2", confirm: true),
        };
        return new Network(lille, roubaix, arras, amiens, lens, ids);
    }

    [SkippableTheory, BothDatabases]
    public async Task Every_figure_and_series_of_the_period_counts_only_confirmed_exchanges(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await BuildAsync(app);
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");

        var response = await facilitator.GetAsync("/api/v1/impact?from=2026-01-01&to=2026-03-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var impact = (await response.Content.ReadFromJsonAsync<JsonElement>());

        Assert.Equal(4, impact.GetProperty("exchanges").GetInt32());
        Assert.Equal(350.50m, impact.GetProperty("marketAmountEur").GetDecimal());
        Assert.Equal(3.5m, impact.GetProperty("nonMarketHours").GetDecimal());
        Assert.Equal(110m, impact.GetProperty("nonMarketValueEur").GetDecimal());
        Assert.Equal(4, impact.GetProperty("organizationsInvolved").GetInt32());
        Assert.Equal(4, impact.GetProperty("members").GetInt32());
        Assert.Equal(3, impact.GetProperty("membersActive").GetInt32());
        Assert.Equal(0.75, impact.GetProperty("membersActiveShare").GetDouble());
        Assert.Equal(3, impact.GetProperty("distinctPairs").GetInt32());
        Assert.Equal(2, impact.GetProperty("newPairs").GetInt32());   // Lille and Roubaix first exchanged in 2025

        GeoPoint lille = new(50.6292, 3.0573), roubaix = new(50.6942, 3.1746), arras = new(50.2910, 2.7775), amiens = new(49.8942, 2.2957);
        var distances = new[] { lille.DistanceKmTo(roubaix), lille.DistanceKmTo(roubaix), arras.DistanceKmTo(lille), amiens.DistanceKmTo(arras) }
            .Select(d => Math.Round(d, 2));
        Assert.Equal(Math.Round(distances.Average(), 1), impact.GetProperty("averageDistanceKm").GetDouble(), 1);

        static Dictionary<string, (int Exchanges, decimal Market, decimal Hours, decimal Value)> Series(JsonElement impact, string name) =>
            impact.GetProperty(name).EnumerateArray().ToDictionary(l => l.GetProperty("key").GetString()!, l => (
                l.GetProperty("exchanges").GetInt32(), l.GetProperty("marketAmountEur").GetDecimal(),
                l.GetProperty("nonMarketHours").GetDecimal(), l.GetProperty("nonMarketValueEur").GetDecimal()));

        var byMonth = Series(impact, "byMonth");
        Assert.Equal(["2026-01", "2026-02", "2026-03"], byMonth.Keys);
        Assert.Equal((1, 100.50m, 0m, 0m), byMonth["2026-01"]);
        Assert.Equal((2, 0m, 3.5m, 110m), byMonth["2026-02"]);
        Assert.Equal((1, 250m, 0m, 0m), byMonth["2026-03"]);

        var byMode = Series(impact, "byMode");
        Assert.Equal(9, byMode.Count);
        Assert.Equal((1, 100.50m, 0m, 0m), byMode["sale"]);
        Assert.Equal((1, 250m, 0m, 0m), byMode["service"]);
        Assert.Equal((1, 0m, 3.5m, 70m), byMode["help"]);
        Assert.Equal((1, 0m, 0m, 40m), byMode["loan"]);
        Assert.Equal(0, byMode["donation"].Exchanges);
        Assert.Equal(0, byMode["barter"].Exchanges);

        var byCategory = Series(impact, "byCategory");
        Assert.Equal((2, 100.50m, 0m, 40m), byCategory["equipment"]);
        Assert.Equal((1, 0m, 3.5m, 70m), byCategory["people"]);
        Assert.Equal((1, 250m, 0m, 0m), byCategory["digital"]);
        Assert.Equal(4, byCategory.Values.Sum(v => v.Exchanges));

        var byTerritory = Series(impact, "byTerritory");
        Assert.Equal((2, 100.50m, 3.5m, 70m), byTerritory[ImpactReport.InLille]);
        Assert.Equal((1, 0m, 0m, 40m), byTerritory[ImpactReport.LilleAndElsewhere]);
        Assert.Equal((1, 250m, 0m, 0m), byTerritory[ImpactReport.OutsideLille]);

        var byDepartement = Series(impact, "byDepartement");
        Assert.Equal(["59", "62", "80"], byDepartement.Keys);
        Assert.Equal([3, 2, 1], byDepartement.Values.Select(v => v.Exchanges));
        var byEpci = Series(impact, "byEpci");
        Assert.Equal(ExchangeLedger.LilleMetropolis, byEpci.Keys.First());
        Assert.Equal(3, byEpci[ExchangeLedger.LilleMetropolis].Exchanges);
        Assert.Equal(2, byEpci["200033579"].Exchanges);   // CU d'Arras
        Assert.Equal(1, byEpci["248000531"].Exchanges);   // CA Amiens Métropole

        var byLegalForm = Series(impact, "byLegalForm");
        Assert.Equal(4, byLegalForm["association"].Exchanges);
        Assert.Equal(2, byLegalForm["scop"].Exchanges);
        Assert.Equal(1, byLegalForm["scic"].Exchanges);

        // The year before: the barter alone, a new pair then.
        var before = await facilitator.GetFromJsonAsync<JsonElement>("/api/v1/impact?from=2025-12-01&to=2025-12-31");
        Assert.Equal((1, 1, 2m), (before.GetProperty("exchanges").GetInt32(), before.GetProperty("newPairs").GetInt32(), before.GetProperty("nonMarketHours").GetDecimal()));

        // The dashboard page shows the same figures, in tables under the charts.
        var page = Html.VisibleText(await facilitator.GetStringAsync("/animation/impact?from=2026-01-01&to=2026-03-31"));
        Assert.Contains("350,50", page);
        Assert.Contains("Métropole Européenne de Lille", page);
        Assert.Contains("Atelier Lillois", page);
        var report = Html.VisibleText(await facilitator.GetStringAsync("/animation/impact/rapport?from=2026-01-01&to=2026-03-31"));
        Assert.Contains("350,50", report);

        // The public page: figures, no names.
        var open = Html.VisibleText(await app.CreateClient().GetStringAsync("/impact?from=2026-01-01&to=2026-03-31"));
        Assert.Contains("350,50", open);
        Assert.DoesNotContain("Atelier Lillois", open);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_bad_period_is_a_400_naming_the_parameter_and_the_dashboard_is_for_facilitators_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");
        var (member, _) = await SignedIn.PersonAsync(app, "membre@exemple.org", "Sacha Membre");

        var bad = await facilitator.GetAsync("/api/v1/impact?from=2026-13-01&to=2026-03-31");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("from", out _));
        var reversed = await facilitator.GetAsync("/api/v1/impact?from=2026-03-01&to=2026-01-31");
        Assert.True((await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("to", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/impact")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().GetAsync("/api/v1/impact")).StatusCode);
        foreach (var path in new[] { "/animation/impact", "/animation/impact/rapport", "/animation/impact/decroches", "/animation/impact/echanges.csv", "/animation/impact/membres.csv" })
        {
            var response = await member.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect) Assert.Contains("403", response.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/impact")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_csv_exports_read_back_to_the_same_exchanges_and_member_activity(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await BuildAsync(app);
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");

        var response = await facilitator.GetAsync("/animation/impact/echanges.csv?from=2026-01-01&to=2026-03-31");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal(ImpactExport.ExchangeHeaders, rows[0]);
        var lines = rows.Skip(1).ToDictionary(r => Guid.Parse(r[0]));
        Assert.Equal(new[] { "sale", "help", "loan", "service" }.Select(k => network.Exchanges[k]).Order(), lines.Keys.Order());

        var french = CultureInfo.GetCultureInfo("fr-FR");
        decimal Sum(int column) => lines.Values.Sum(r => r[column].Length == 0 ? 0m : decimal.Parse(r[column], french));
        Assert.Equal(350.50m, Sum(8));
        Assert.Equal(3.5m, Sum(9));
        Assert.Equal(110m, Sum(10));
        var sale = lines[network.Exchanges["sale"]];
        Assert.Equal(("2026-01-15", "Atelier Lillois", "Coopérative de Roubaix", "Vente", "oui"), (sale[1], sale[2], sale[3], sale[4], sale[5]));
        Assert.Equal("Vente de chaises ; \"bon état\"\nlivrées", sale[7]);
        Assert.Equal("5", lines[network.Exchanges["loan"]][11]);
        await app.WithDbAsync(async db =>
        {
            foreach (var (id, row) in lines)
            {
                var exchange = await db.Exchanges.SingleAsync(e => e.Id == id);
                Assert.Equal(exchange.AmountCents, row[8].Length == 0 ? null : (long)(decimal.Parse(row[8], french) * 100));
                Assert.Equal(exchange.Description, row[7]);
            }
        });

        var members = Csv.Parse(Encoding.UTF8.GetString((await facilitator.GetByteArrayAsync("/animation/impact/membres.csv?from=2026-01-01&to=2026-03-31"))[3..]));
        Assert.Equal(ImpactExport.MemberHeaders, members[0]);
        var byName = members.Skip(1).ToDictionary(r => r[1], r => int.Parse(r[6], CultureInfo.InvariantCulture));
        Assert.Equal(new Dictionary<string, int> { ["Atelier Lillois"] = 3, ["Coopérative de Roubaix"] = 2, ["Jardin de Lens"] = 0, ["Ressourcerie d'Arras"] = 2 }, byName);
    }
}

/// <summary>An RFC 4180 reader with semicolons, for the round trips of the exports.</summary>
static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
