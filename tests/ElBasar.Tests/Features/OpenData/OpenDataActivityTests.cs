using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>
/// The activity files and API count the confirmed exchanges of a finished year by commune and EPCI, or of
/// finished months, and never show a small count, nor a figure one could subtract a small one from.
/// </summary>
public sealed class OpenDataActivityTests
{
    /// <summary>
    /// 2025 (the clock is in November 2026): Lille's three organisations 12 sales and 10 helps, Roubaix's three
    /// 4 exchanges, Arras's three 3 sales and 9 helps, Lens's one organisation 6 helps to Lille; then a 2026
    /// exchange and a declared one, which do not count. Returns the organisations by commune, in order.
    /// </summary>
    internal static async Task<Dictionary<string, Organization[]>> SeedAsync(TestApp app)
    {
        async Task<Organization[]> ThreeIn(string insee, string commune, double lat, double lon, int count = 3)
        {
            var organizations = new List<Organization>();
            for (var i = 1; i <= count; i++) organizations.Add(await new OrganizationBuilder().Named($"{commune} {i}").In(insee, commune, lat, lon).SaveAsync(app));
            return organizations.ToArray();
        }
        var lille = await ThreeIn("59350", "Lille", 50.6292, 3.0573);
        var roubaix = await ThreeIn("59512", "Roubaix", 50.6942, 3.1746);
        var arras = await ThreeIn("62041", "Arras", 50.2910, 2.7775);
        var lens = await ThreeIn("62498", "Lens", 50.4322, 2.8333, count: 1);

        await ExchangesAsync(app, lille[0], lille[1], 12, market: true, new DateOnly(2025, 3, 10));
        await ExchangesAsync(app, lille[1], lille[2], 10, market: false, new DateOnly(2025, 6, 10));
        await ExchangesAsync(app, roubaix[0], roubaix[1], 2, market: true, new DateOnly(2025, 5, 2));
        await ExchangesAsync(app, roubaix[1], roubaix[2], 2, market: false, new DateOnly(2025, 5, 3));
        await ExchangesAsync(app, arras[0], arras[1], 3, market: true, new DateOnly(2025, 5, 4));
        await ExchangesAsync(app, arras[1], arras[2], 9, market: false, new DateOnly(2025, 5, 5));
        await ExchangesAsync(app, lens[0], lille[0], 6, market: false, new DateOnly(2025, 6, 20));
        await ExchangesAsync(app, lille[0], lille[2], 1, market: true, new DateOnly(2026, 1, 5));
        await ExchangesAsync(app, roubaix[0], roubaix[2], 1, market: true, new DateOnly(2025, 5, 9), ExchangeStatus.Declared);
        return new() { ["Lille"] = lille, ["Roubaix"] = roubaix, ["Arras"] = arras, ["Lens"] = lens };
    }

    internal static Task ExchangesAsync(TestApp app, Organization from, Organization to, int count, bool market, DateOnly date,
        ExchangeStatus status = ExchangeStatus.Confirmed) =>
        app.WithDbAsync(async db =>
        {
            var at = FakeClock.Default.UtcDateTime;
            for (var i = 0; i < count; i++)
                db.Exchanges.Add(new Exchange
                {
                    FromOrganizationId = from.Id, ToOrganizationId = to.Id,
                    PairLowId = from.Id < to.Id ? from.Id : to.Id, PairHighId = from.Id < to.Id ? to.Id : from.Id,
                    Description = market ? "Vente de chaises" : "Coup de main", Mode = market ? "sale" : "help", Market = market, Category = "equipment",
                    Date = date, Month = date.Year * 100 + date.Month, AmountCents = market ? 1000 : null, Minutes = market ? null : 60,
                    Status = status, ConfirmedAt = status == ExchangeStatus.Confirmed ? at : null, CreatedAt = at, UpdatedAt = at,
                });
            await db.SaveChangesAsync();
        });

    internal sealed record Line(string Key, string Label, int? Exchanges, int? MarketExchanges, decimal? MarketAmountEur, int? NonMarketExchanges,
        decimal? NonMarketHours, int? Organizations);

    internal sealed record Activity(string By, string From, string To, string Licence, string LicenceUrl, int MinExchanges, List<Line> Lines, string? Network);

    internal static async Task<Activity> ActivityAsync(TestApp app, string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/open-data/activity?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Activity>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    internal static async Task<List<string[]>> CsvAsync(TestApp app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF", text);
        return text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
    }

    /// <summary>Along a line (market + non-market = total) and down each column (its total is public), never exactly one figure hidden.</summary>
    internal static void NothingHiddenCanBeSubtracted(IReadOnlyList<Line> lines)
    {
        foreach (var line in lines)
            Assert.NotEqual(1, new[] { line.Exchanges, line.MarketExchanges, line.NonMarketExchanges }.Count(c => c is null));
        Assert.NotEqual(1, lines.Count(l => l.Exchanges is null));
        Assert.NotEqual(1, lines.Count(l => l.MarketExchanges is null));
        Assert.NotEqual(1, lines.Count(l => l.NonMarketExchanges is null));
        Assert.All(lines, l => Assert.True(l.Exchanges is null or 0 or >= 5 && l.MarketExchanges is null or 0 or >= 5 && l.NonMarketExchanges is null or 0 or >= 5));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_commune_with_four_exchanges_never_shows_its_count(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);

        var activity = await ActivityAsync(app, "by=commune");

        Assert.Equal(("commune", "2025-01", "2025-12"), (activity.By, activity.From, activity.To));
        Assert.Equal(["59350", "59512", "62041", "62498"], activity.Lines.Select(l => l.Key));
        Assert.Equal(new Line("59512", "Roubaix", null, null, null, null, null, null), activity.Lines.Single(l => l.Key == "59512"));
        Assert.Equal(new Line("59350", "Lille", 28, 12, 120m, 16, 16m, 3), activity.Lines.Single(l => l.Key == "59350"));

        var csv = await CsvAsync(app, "/donnees-ouvertes/activite-communes.csv");
        Assert.Equal(["code_insee", "commune", "code_epci", "departement", "annee", "echanges", "echanges_marchands", "montant_marchand_eur",
            "echanges_non_marchands", "heures_non_marchandes", "structures"], csv[0]);
        Assert.Equal(["59512", "Roubaix", "200093201", "59", "2025", "", "", "", "", "", ""], csv.Single(l => l[0] == "59512"));
        Assert.Equal(["59350", "Lille", "200093201", "59", "2025", "28", "12", "120,00", "16", "16", "3"], csv.Single(l => l[0] == "59350"));
    }

    [SkippableTheory, BothDatabases]
    public async Task Hidden_cells_cannot_be_found_again_by_subtracting_the_shown_ones(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedAsync(app);

        var communes = (await ActivityAsync(app, "by=commune&from=2025-01&to=2025-12")).Lines;
        NothingHiddenCanBeSubtracted(communes);
        // Arras: 3 sales are secret, so is its total (12 − 9 would give them); Lens: one organisation of its own, all hidden.
        Assert.Equal(new Line("62041", "Arras", null, null, null, 9, 9m, null), communes.Single(l => l.Key == "62041"));
        Assert.Equal(new Line("62498", "Lens", null, null, null, null, null, null), communes.Single(l => l.Key == "62498"));

        var epcis = (await ActivityAsync(app, "by=epci")).Lines;
        NothingHiddenCanBeSubtracted(epcis);
        // Arras's 3 sales (and Lens's none) are the site's only ones outside the métropole: the site's total of sales minus the
        // métropole's would give them, so the métropole's sales are secret too.
        Assert.Equal(new Line("200093201", "Métropole Européenne de Lille", null, null, null, 18, 18m, null), epcis.Single(l => l.Key == "200093201"));

        var months = (await ActivityAsync(app, "by=month&from=2025-01&to=2025-12")).Lines;
        NothingHiddenCanBeSubtracted(months);
        Assert.Equal(12, months.Count);
        Assert.Equal(new Line("2025-01", "janvier 2025", 0, 0, 0m, 0, 0m, 0), months[0]);
        Assert.Equal(new Line("2025-06", "juin 2025", 16, 0, 0m, 16, 16m, 4), months[5]);
        Assert.Null(months[2].Exchanges);   // March: twelve sales, but between two organisations only

        var csv = await CsvAsync(app, "/donnees-ouvertes/activite-epci.csv");
        Assert.Equal(["code_epci", "epci", "annee", "echanges", "echanges_marchands", "montant_marchand_eur", "echanges_non_marchands",
            "heures_non_marchandes", "structures"], csv[0]);
        Assert.Equal(epcis.Count, csv.Count - 1);
        Assert.Equal(13, (await CsvAsync(app, "/donnees-ouvertes/activite-mois.csv?from=2025-01&to=2025-12")).Count);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_bad_request_is_a_problem_naming_its_parameter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        foreach (var (query, parameter) in new[]
        {
            ("by=semaine", "by"), ("", "by"), ("by=month&from=2025-13", "from"), ("by=month&to=hier", "to"),
            ("by=month&to=2026-11", "to"), ("by=commune&from=2025-03&to=2025-12", "from"), ("by=epci&from=2026-01&to=2026-12", "to"),
            ("by=month&from=2010-01&to=2025-12", "from"),
        })
        {
            var response = await client.GetAsync($"/api/v1/open-data/activity?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"{query}: {problem}");
        }
        var csv = await client.GetAsync("/donnees-ouvertes/activite-communes.csv?from=2025-02&to=2025-12");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal("application/problem+json", csv.Content.Headers.ContentType?.MediaType);
    }
}
