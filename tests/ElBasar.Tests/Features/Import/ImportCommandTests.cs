using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Import;

public sealed class ImportCommandTests : IDisposable
{
    readonly string _folder = System.IO.Directory.CreateTempSubdirectory("elbasar-import-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    static async Task<(int Exit, string Output, string Errors)> RunAsync(TestApp app, params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await ImportCommand.RunAsync(app.Services, args, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    const string Roue = """{"externalId":"org-12","name":"Atelier Roue Libre","legalForm":"scop","communeInsee":"59350","latitude":50.6292,"longitude":3.0573,"activities":["réparation de vélos"],"employees":4}""";
    const string Mine = """{"externalId":"org-13","name":"Mine de rien","kind":"individual","communeInsee":"62498","commune":"Lens","member":false}""";
    const string Cargo = """{"externalId":"lst-40","organizationExternalId":"org-12","kind":"offer","title":"Révision de vélos cargos","description":"Nous entretenons les vélos cargos des structures du réseau.","category":"mobility","exchangeModes":["service"],"price":60,"createdAt":"2026-10-01T08:00:00Z"}""";
    const string Tent = """{"externalId":"lst-41","organizationExternalId":"org-13","kind":"demand","title":"Cherche une tonnelle","category":"equipment","exchangeModes":["loan","rental"],"communeInsee":"62041"}""";

    [SkippableTheory, BothDatabases]
    public async Task Organisations_then_listings_are_imported_with_their_fields(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var orgs = await RunAsync(app, "organizations", Write("o.jsonl", Roue, Mine));
        var listings = await RunAsync(app, "listings", Write("l.jsonl", Cargo, Tent));

        Assert.Equal(0, orgs.Exit);
        Assert.Contains("2 prises (2 créées, 0 mises à jour, 0 inchangées), 0 rejetées", orgs.Output);
        Assert.Equal(0, listings.Exit);
        Assert.Contains("2 prises (2 créées", listings.Output);
        await app.WithDbAsync(async db =>
        {
            var roue = await db.Organizations.Include(o => o.Activities).Include(o => o.Networks).SingleAsync(o => o.ExternalId == "org-12");
            Assert.Equal(("Atelier Roue Libre", "scop", "Lille", 4), (roue.Name, roue.LegalForm, roue.Commune, roue.Employees));
            Assert.Equal("réparation de vélos", Assert.Single(roue.Activities).Label);
            Assert.True(Assert.Single(roue.Networks).IsMember);
            var mine = await db.Organizations.Include(o => o.Networks).SingleAsync(o => o.ExternalId == "org-13");
            Assert.Equal(OrganizationKind.Individual, mine.Kind);
            Assert.False(Assert.Single(mine.Networks).IsMember);

            var cargo = await db.Listings.Include(l => l.ExchangeModes).SingleAsync(l => l.ExternalId == "lst-40");
            Assert.Equal((ListingKind.Offer, "mobility", 60m, ListingStatus.Published), (cargo.Kind, cargo.Category, cargo.Price, cargo.Status));
            Assert.Equal(("59350", 50.6292), (cargo.CommuneInsee, cargo.Latitude));
            Assert.Equal(new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc), cargo.CreatedAt);
            var tent = await db.Listings.Include(l => l.ExchangeModes).SingleAsync(l => l.ExternalId == "lst-41");
            Assert.Equal(("62041", "Arras"), (tent.CommuneInsee, tent.Commune));
            Assert.Equal(["loan", "rental"], tent.ExchangeModes.Select(m => m.Mode).Order());
            Assert.Equal(app.Clock.Now.UtcDateTime, tent.CreatedAt);
        });
        var page = await app.CreateClient().GetFromJsonAsync<ListingPage>("/api/v1/listings?q=velo");
        Assert.Equal("lst-40", Assert.Single(page!.Items).ExternalId);
    }

    [SkippableTheory, BothDatabases]
    public async Task Importing_the_same_files_twice_changes_nothing_and_a_changed_line_updates_in_place(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var orgFile = Write("o.jsonl", Roue, Mine);
        var listingFile = Write("l.jsonl", Cargo, Tent);
        await RunAsync(app, "organizations", orgFile);
        await RunAsync(app, "listings", listingFile);
        var before = await app.WithDbAsync((db, _) => db.Listings.AsNoTracking().OrderBy(l => l.ExternalId).Select(l => new { l.Id, l.UpdatedAt }).ToListAsync());
        app.Clock.Advance(TimeSpan.FromDays(1));

        var orgsAgain = await RunAsync(app, "organizations", orgFile);
        var listingsAgain = await RunAsync(app, "listings", listingFile);

        Assert.Contains("2 prises (0 créées, 0 mises à jour, 2 inchangées)", orgsAgain.Output);
        Assert.Contains("2 prises (0 créées, 0 mises à jour, 2 inchangées)", listingsAgain.Output);
        var after = await app.WithDbAsync((db, _) => db.Listings.AsNoTracking().OrderBy(l => l.ExternalId).Select(l => new { l.Id, l.UpdatedAt }).ToListAsync());
        Assert.Equal(before, after);

        var changed = await RunAsync(app, "listings", Write("l2.jsonl", Cargo.Replace("Révision de vélos cargos", "Révision de vélos-cargos").Replace("[\"service\"]", "[\"service\",\"skills\"]")));
        var changedOrg = await RunAsync(app, "organizations", Write("o2.jsonl", Roue.Replace("[\"réparation de vélos\"]", "[\"vélo-école\",\"réparation de vélos\"]")));

        Assert.Contains("1 prises (0 créées, 1 mises à jour", changed.Output);
        Assert.Contains("1 prises (0 créées, 1 mises à jour", changedOrg.Output);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(2, await db.Listings.CountAsync());
            var cargo = await db.Listings.Include(l => l.ExchangeModes).SingleAsync(l => l.ExternalId == "lst-40");
            Assert.Equal("Révision de vélos-cargos", cargo.Title);
            Assert.Equal(["service", "skills"], cargo.ExchangeModes.Select(m => m.Mode).Order());
            var roue = await db.Organizations.Include(o => o.Activities).SingleAsync(o => o.ExternalId == "org-12");
            Assert.Equal(["vélo-école", "réparation de vélos"], roue.Activities.OrderBy(a => a.Position).Select(a => a.Label));
        });
        var page = await app.CreateClient().GetFromJsonAsync<ListingPage>("/api/v1/listings?q=cargos");
        Assert.Equal("Révision de vélos-cargos", Assert.Single(page!.Items).Title);
    }

    public static TheoryData<string, string> BadLines() => new()
    {
        { "{not json", "n'est pas un objet JSON valide" },
        { "[1,2]", "doit être un objet JSON" },
        { """{"organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"]}""", "« externalId » est obligatoire" },
        { """{"externalId":"x1","organizationExternalId":"org-12","kind":"gift","title":"Vélo","category":"mobility","exchangeModes":["sale"]}""", "« kind » doit valoir « offer » ou « demand »" },
        { """{"externalId":"x2","organizationExternalId":"org-12","kind":"offer","title":"Vé","category":"mobility","exchangeModes":["sale"]}""", "« title » doit faire entre 3 et 150 caractères" },
        { """{"externalId":"x3","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"boats","exchangeModes":["sale"]}""", "la catégorie « boats » n'existe pas" },
        { """{"externalId":"x4","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":[]}""", "« exchangeModes » doit contenir au moins une valeur" },
        { """{"externalId":"x5","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["theft"]}""", "le mode d'échange « theft » n'existe pas" },
        { """{"externalId":"x6","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"],"price":-3}""", "« price » doit être un nombre positif" },
        { """{"externalId":"x7","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"],"latitude":50.1}""", "« latitude » et « longitude » vont ensemble" },
        { """{"externalId":"x8","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"],"createdAt":"hier"}""", "« createdAt » doit être une date ISO 8601" },
        { """{"externalId":"x9","organizationExternalId":"org-99","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"]}""", "l'organisation « org-99 » est inconnue" },
        { """{"externalId":"x10","organizationExternalId":"org-12","kind":"offer","title":"Vélo","category":"mobility","exchangeModes":["sale"],"communeInsee":"123"}""", "« communeInsee » doit être un code INSEE" },
    };

    [SkippableTheory, MemberData(nameof(BadLines))]
    public async Task A_bad_line_is_rejected_with_its_number_and_reason_and_the_others_go_in(string line, string reason)
    {
        await using var app = await TestApp.StartAsync("sqlite");
        await RunAsync(app, "organizations", Write("o.jsonl", Roue));

        var result = await RunAsync(app, "listings", Write("l.jsonl", Cargo, "", line, Tent.Replace("org-13", "org-12")));

        Assert.Equal(0, result.Exit);
        Assert.Contains($"ligne 3 rejetée : ", result.Output);
        Assert.Contains(reason, result.Output);
        Assert.Contains("2 prises (2 créées, 0 mises à jour, 0 inchangées), 1 rejetées", result.Output);
    }

    [SkippableFact]
    public async Task A_repeated_external_id_in_one_file_is_rejected()
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var result = await RunAsync(app, "organizations", Write("o.jsonl", Roue, Roue.Replace("Atelier Roue Libre", "Autre nom")));

        Assert.Contains("ligne 2 rejetée : l'identifiant « org-12 » apparaît déjà plus haut dans le fichier", result.Output);
        Assert.Contains("1 prises", result.Output);
    }

    [SkippableFact]
    public async Task A_file_that_cannot_be_read_exits_non_zero_with_a_french_message()
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var missing = await RunAsync(app, "listings", Path.Combine(_folder, "absent.jsonl"));
        var wrongVerb = await RunAsync(app, "events", Write("e.jsonl", "{}"));

        Assert.Equal(1, missing.Exit);
        Assert.Contains("Impossible de lire", missing.Errors);
        Assert.Equal(2, wrongVerb.Exit);
        Assert.Contains("Utilisation", wrongVerb.Errors);
    }
}
