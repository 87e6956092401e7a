using System.Net.Http.Json;
using ElBasar.Tests.Features.Federation;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Import;

/// <summary>
/// The rows the import writes without EF are those EF would write: imported again, a file leaves every
/// column, the search and the federation feed as they were; a revised file changes exactly the lines that
/// changed, their search entry and their modes included, with the same results on both databases.
/// </summary>
public sealed class ImportRowsTests : IDisposable
{
    readonly string _folder = System.IO.Directory.CreateTempSubdirectory("elbasar-import-rows-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    static async Task<string> RunAsync(TestApp app, params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await ImportCommand.RunAsync(app.Services, args, output, new StringWriter()));
        return output.ToString();
    }

    const string Roue = """{"externalId":"org-12","name":"Atelier Roue Libre","communeInsee":"59350","latitude":50.6292,"longitude":3.0573}""";
    const string Cargo = """{"externalId":"lst-40","organizationExternalId":"org-12","kind":"offer","title":"Révision de vélos cargos","description":"Nous entretenons les vélos cargos des structures du réseau.","category":"mobility","exchangeModes":["service"],"price":60,"createdAt":"2026-10-01T08:00:00Z"}""";
    const string Tent = """{"externalId":"lst-41","organizationExternalId":"org-12","kind":"demand","title":"Cherche une tonnelle","category":"equipment","exchangeModes":["loan","rental"],"communeInsee":"62041","expiresAt":"2027-01-15T00:00:00Z"}""";
    const string Drill = """{"externalId":"lst-42","organizationExternalId":"org-12","kind":"offer","title":"Perceuse\u0000 à colonne","description":"Prêtée avec ses forets.","category":"equipment","exchangeModes":["loan"],"price":12.5,"latitude":50.2910,"longitude":2.7775}""";

    sealed record Row(
        Guid Id, string? ExternalId, Guid NetworkId, Guid OrganizationId, ListingKind Kind, string Title, string? Description, string Category,
        decimal? Price, string? CommuneInsee, string? Commune, double? Latitude, double? Longitude, ListingStatus Status,
        ListingVisibility Visibility, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ExpiresAt, string SearchTitle, string SearchBody,
        int SearchVersion, string Modes);

    static Task<Dictionary<string, Row>> RowsAsync(TestApp app) => app.WithDbAsync(async (db, _) =>
        (await db.Listings.AsNoTracking().Include(l => l.ExchangeModes).ToListAsync()).ToDictionary(l => l.ExternalId!, l => new Row(
            l.Id, l.ExternalId, l.NetworkId, l.OrganizationId, l.Kind, l.Title, l.Description, l.Category, l.Price, l.CommuneInsee,
            l.Commune, l.Latitude, l.Longitude, l.Status, l.Visibility, l.CreatedAt, l.UpdatedAt, l.ExpiresAt, l.SearchTitle,
            l.SearchBody, l.SearchVersion, string.Join(",", l.ExchangeModes.Select(m => m.Mode).Order()))));

    static async Task<List<string>> FoundAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<ListingPage>($"/api/v1/listings?{query}"))!.Items.Select(i => i.ExternalId!).Order().ToList();

    static readonly string[] Queries = ["q=velo", "q=cargos", "q=tonnelle", "q=perceuse", "q=colonne", "mode=loan", "mode=rental", "mode=service"];

    static async Task<Dictionary<string, List<string>>> SearchesAsync(HttpClient client)
    {
        var found = new Dictionary<string, List<string>>();
        foreach (var query in Queries) found[query] = await FoundAsync(client, query);
        return found;
    }

    static Task<long> LoggedChangesAsync(TestApp app) => app.WithDbAsync((db, _) =>
        db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM feed_changes WHERE kind = 'listing'").SingleAsync());

    /// <summary>
    /// The feed from <paramref name="since"/> until it holds <paramref name="expected"/>. On PostgreSQL the feed waits for
    /// every older transaction of the server to end, other databases' included: on a busy server that takes longer
    /// than the one catching-up of <see cref="Feeding.CatchUpAsync"/>.
    /// </summary>
    static async Task<(Dictionary<string, System.Text.Json.JsonElement> Records, string Cursor)> FeedAsync(TestApp app, string? since, IReadOnlyCollection<string> expected)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var (records, cursor, _) = await Feeding.CatchUpAsync(app.Browser(), "/api/v1/feed/listings", since, expected);
            if (expected.All(records.ContainsKey) || DateTime.UtcNow > deadline) return (records, cursor);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Imported_again_nothing_moves_and_a_revised_file_changes_exactly_its_changed_lines(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        await RunAsync(app, "organizations", Write("o.jsonl", Roue));
        var created = await RunAsync(app, "listings", Write("l.jsonl", Cargo, Tent, Drill));
        var rows = await RowsAsync(app);
        var searches = await SearchesAsync(client);
        var ids = rows.Values.Select(r => r.Id.ToString()).ToList();
        var (feed, cursor) = await FeedAsync(app, null, ids);
        var logged = await LoggedChangesAsync(app);

        Assert.Contains("3 prises (3 créées, 0 mises à jour, 0 inchangées), 0 rejetées", created);
        Assert.Equal(ids.Order(), feed.Keys.Order());
        Assert.All(feed.Values, line => Assert.Equal("upsert", line.Op()));
        Assert.Equal("Perceuse à colonne", rows["lst-42"].Title);
        Assert.Equal(SearchAnalyzer.AnalyzeDocument("Perceuse à colonne"), rows["lst-42"].SearchTitle);
        Assert.Equal(SearchAnalyzer.Version, rows["lst-40"].SearchVersion);
        Assert.Equal(("Arras", "loan,rental", new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc)),
            (rows["lst-41"].Commune, rows["lst-41"].Modes, rows["lst-41"].ExpiresAt));
        Assert.Equal(["lst-40"], searches["q=cargos"]);
        Assert.Equal(["lst-41", "lst-42"], searches["mode=loan"]);
        Assert.Equal(["lst-42"], searches["q=colonne"]);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var again = await RunAsync(app, "listings", Write("l.jsonl", Cargo, Tent, Drill));

        Assert.Contains("3 prises (0 créées, 0 mises à jour, 3 inchangées), 0 rejetées", again);
        Assert.Equal(rows, await RowsAsync(app));
        Assert.Equal(searches, await SearchesAsync(client));
        Assert.Equal(logged, await LoggedChangesAsync(app));

        app.Clock.Advance(TimeSpan.FromDays(1));
        var revised = await RunAsync(app, "listings", Write("l2.jsonl",
            Cargo.Replace("Révision de vélos cargos", "Entretien de triporteurs"),
            Tent.Replace("[\"loan\",\"rental\"]", "[\"rental\",\"service\"]"),
            Drill.Replace("12.5", "15")));

        Assert.Contains("3 prises (0 créées, 3 mises à jour, 0 inchangées), 0 rejetées", revised);
        var after = await RowsAsync(app);
        var now = app.Clock.Now.UtcDateTime;
        Assert.Equal(rows["lst-40"] with { Title = "Entretien de triporteurs", SearchTitle = SearchAnalyzer.AnalyzeDocument("Entretien de triporteurs"), UpdatedAt = now }, after["lst-40"]);
        Assert.Equal(rows["lst-41"] with { Modes = "rental,service", UpdatedAt = now }, after["lst-41"]);
        Assert.Equal(rows["lst-42"] with { Price = 15m, UpdatedAt = now }, after["lst-42"]);
        Assert.Equal(["lst-40"], await FoundAsync(client, "q=triporteurs"));
        Assert.Equal(["lst-40"], await FoundAsync(client, "q=cargos"));
        Assert.Empty(await FoundAsync(client, "q=revision"));
        Assert.Equal(["lst-42"], await FoundAsync(client, "mode=loan"));
        Assert.Equal(["lst-40", "lst-41"], await FoundAsync(client, "mode=service"));
        var (changed, _) = await FeedAsync(app, cursor, ids);
        Assert.Equal(ids.Order(), changed.Keys.Order());
        Assert.Equal("Entretien de triporteurs", changed[rows["lst-40"].Id.ToString()].GetProperty("title").GetString());
        Assert.Equal(["rental", "service"], changed[rows["lst-41"].Id.ToString()].GetProperty("exchangeModes").EnumerateArray().Select(m => m.GetString()).Order());
    }
}
