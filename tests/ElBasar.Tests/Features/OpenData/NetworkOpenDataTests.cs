using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using static ElBasar.Tests.Features.OpenData.OpenDataActivityTests;
using Network = ElBasar.Web.Features.Directory.Network;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>
/// The open data of one network (<c>?reseau=slug</c>): its organisations in the directory, and the exchanges with a party
/// member of it in the figures, each once, under the same statistical secret; without the parameter, the whole site's as before.
/// </summary>
public sealed class NetworkOpenDataTests
{
    const string Metropole = "reseau-metropole", Artois = "reseau-artois";

    /// <summary>
    /// The activity seed (<see cref="OpenDataActivityTests.SeedAsync"/>: everyone a member of the home network), plus two
    /// networks: the métropole (Lille's and Roubaix's three) and the Artois (Arras's three and Lens's one; Roubaix 3 asked
    /// to join, not accepted), and 5 helps Arras 1–Lens 1 in June 2025. June 2025 then holds 10 helps Lille–Lille (métropole),
    /// 6 Lens–Lille (both networks) and 5 Arras–Lens (Artois). A hidden organisation and a person are in the Artois too.
    /// </summary>
    static async Task<Dictionary<string, Organization[]>> BuildAsync(TestApp app)
    {
        var seeded = await SeedAsync(app);
        var hidden = await new OrganizationBuilder().Named("Structure masquée d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);
        var person = await new OrganizationBuilder().Named("Camille d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);
        var metropole = new Network { Name = "Réseau de la métropole", Slug = Metropole, CreatedAt = FakeClock.Default.UtcDateTime };
        var artois = new Network { Name = "Réseau de l'Artois", Slug = Artois, CreatedAt = FakeClock.Default.UtcDateTime };
        await app.WithDbAsync(async db =>
        {
            db.Networks.AddRange(metropole, artois);
            NetworkMembership In(Network network, Organization organization, bool member = true) =>
                new() { NetworkId = network.Id, OrganizationId = organization.Id, IsMember = member, Since = FakeClock.Default.UtcDateTime };
            db.NetworkMemberships.AddRange(seeded["Lille"].Concat(seeded["Roubaix"]).Select(o => In(metropole, o)));
            db.NetworkMemberships.AddRange(seeded["Arras"].Concat(seeded["Lens"]).Concat([hidden, person]).Select(o => In(artois, o)));
            db.NetworkMemberships.Add(In(artois, seeded["Roubaix"][2], member: false));
            await db.SaveChangesAsync();
            await db.Organizations.Where(o => o.Id == hidden.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrganizationStatus.Hidden));
            await db.Organizations.Where(o => o.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Kind, OrganizationKind.Individual));
        });
        await ExchangesAsync(app, seeded["Arras"][0], seeded["Lens"][0], 5, market: false, new DateOnly(2025, 6, 12));
        return seeded;
    }

    static async Task<(HttpResponseMessage Response, List<string[]> Lines)> FileAsync(TestApp app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        return (response, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList());
    }

    static string? FileName(HttpResponseMessage response) => response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    [SkippableTheory, BothDatabases]
    public async Task A_networks_directory_lists_its_public_organisations_and_whether_each_is_its_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);

        var (response, artois) = await FileAsync(app, $"/donnees-ouvertes/annuaire.csv?reseau={Artois}");

        Assert.Equal($"annuaire-{Artois}.csv", FileName(response));
        Assert.Equal("<https://opendatacommons.org/licenses/odbl/1-0/>; rel=\"license\"", response.Headers.GetValues("Link").Single());
        Assert.Equal("membre_du_reseau", artois[0][8]);
        // Its members and Roubaix 3, which asked to join; no organisation of the métropole alone, hidden or a person.
        Assert.Equal([("Arras 1", "oui"), ("Arras 2", "oui"), ("Arras 3", "oui"), ("Lens 1", "oui"), ("Roubaix 3", "non")],
            artois.Skip(1).Select(l => (l[1], l[8])));

        var (_, metropole) = await FileAsync(app, $"/donnees-ouvertes/annuaire.csv?reseau={Metropole}");
        Assert.Equal(["Lille 1", "Lille 2", "Lille 3", "Roubaix 1", "Roubaix 2", "Roubaix 3"], metropole.Skip(1).Select(l => l[1]));
        Assert.All(metropole.Skip(1), l => Assert.Equal("oui", l[8]));

        // Without a network, or with reseau= alone: every public organisation, members of the home network, as before.
        foreach (var path in new[] { "/donnees-ouvertes/annuaire.csv", "/donnees-ouvertes/annuaire.csv?reseau=" })
        {
            var (whole, lines) = await FileAsync(app, path);
            Assert.Equal("annuaire.csv", FileName(whole));
            Assert.Equal(10, lines.Count - 1);
            Assert.All(lines.Skip(1), l => Assert.Equal("oui", l[8]));
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task An_exchange_between_members_of_two_networks_counts_once_in_each_and_once_in_a_network_holding_both(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);
        const string Year = "from=2025-01&to=2025-12";

        // June's helps: the métropole 10 + 6, the Artois 6 + 5; the whole site, and the home network where every party is a member, 10 + 6 + 5.
        var (metropoleFile, metropole) = await FileAsync(app, $"/donnees-ouvertes/activite-mois.csv?reseau={Metropole}&{Year}");
        Assert.Equal($"activite-mois-{Metropole}-2025-01-2025-12.csv", FileName(metropoleFile));
        // Its 16 helps are secret though: with May's 2 (secret) they are its only helps of the year, whose total the impact
        // page gives, and the total minus 16 would give 2.
        Assert.Equal(["2025-06", "", "0", "0,00", "", "", ""], metropole.Single(l => l[0] == "2025-06"));
        var (_, artois) = await FileAsync(app, $"/donnees-ouvertes/activite-mois.csv?reseau={Artois}&{Year}");
        // The Artois's 11 are secret as well: its May helps (9 of the site's 11) are, 2 being outside it, and its total of
        // helps minus June's would give them.
        Assert.Equal("", artois.Single(l => l[0] == "2025-06")[4]);

        var whole = await ActivityAsync(app, $"by=month&{Year}");
        Assert.Null(whole.Network);
        Assert.Equal(new Line("2025-06", "juin 2025", 21, 0, 0m, 21, 21m, 5), whole.Lines.Single(l => l.Key == "2025-06"));
        var home = await ActivityAsync(app, $"by=month&{Year}&reseau={Network.HomeSlug}");
        Assert.Equal(Network.HomeSlug, home.Network);
        Assert.Equal(21, home.Lines.Single(l => l.Key == "2025-06").NonMarketExchanges);

        // By place, the Lens–Lille helps count in Lille for both networks, and the métropole's Lille is the whole site's. Its
        // 12 sales are secret: with Roubaix's 2 (secret) they are the métropole's only sales, whose total the impact page gives.
        var metropoleCommunes = await ActivityAsync(app, $"by=commune&reseau={Metropole}");
        Assert.Equal(Metropole, metropoleCommunes.Network);
        Assert.Equal(new Line("59350", "Lille", null, null, null, 16, 16m, null), metropoleCommunes.Lines.Single(l => l.Key == "59350"));
        Assert.DoesNotContain(metropoleCommunes.Lines, l => l.Key == "62041");
        var (artoisFile, artoisCommunes) = await FileAsync(app, $"/donnees-ouvertes/activite-communes.csv?reseau={Artois}");
        Assert.Equal($"activite-communes-{Artois}-2025.csv", FileName(artoisFile));
        Assert.Equal(["59350", "62041", "62498"], artoisCommunes.Skip(1).Select(l => l[0]));
        var (epciFile, _) = await FileAsync(app, $"/donnees-ouvertes/activite-epci.csv?reseau={Artois}");
        Assert.Equal($"activite-epci-{Artois}-2025.csv", FileName(epciFile));
    }

    [SkippableTheory, BothDatabases]
    public async Task Each_networks_figures_keep_the_statistical_secret_on_their_own_counts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);

        // Lille shows 28 exchanges for the whole site, but in the Artois's only Lille 1 took part: hidden whole there.
        Assert.Equal(28, (await ActivityAsync(app, "by=commune")).Lines.Single(l => l.Key == "59350").Exchanges);
        var artois = (await ActivityAsync(app, $"by=commune&reseau={Artois}")).Lines;
        NothingHiddenCanBeSubtracted(artois);
        Assert.Equal(new Line("59350", "Lille", null, null, null, null, null, null), artois.Single(l => l.Key == "59350"));
        // Arras: 3 sales hidden, so its total too; its 9 + 5 helps shown. Lens: one organisation of its own.
        Assert.Equal(new Line("62041", "Arras", null, null, null, 14, 14m, null), artois.Single(l => l.Key == "62041"));
        Assert.Equal(new Line("62498", "Lens", null, null, null, null, null, null), artois.Single(l => l.Key == "62498"));

        var metropole = (await ActivityAsync(app, $"by=commune&reseau={Metropole}")).Lines;
        NothingHiddenCanBeSubtracted(metropole);
        Assert.Equal(new Line("59512", "Roubaix", null, null, null, null, null, null), metropole.Single(l => l.Key == "59512"));

        foreach (var slug in new[] { Artois, Metropole })
        {
            NothingHiddenCanBeSubtracted((await ActivityAsync(app, $"by=epci&reseau={slug}")).Lines);
            NothingHiddenCanBeSubtracted((await ActivityAsync(app, $"by=month&from=2025-01&to=2025-12&reseau={slug}")).Lines);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task A_networks_cell_is_secret_while_the_whole_sites_same_cell_holds_one_to_four_exchanges_more(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var members = new List<Organization>();
        var others = new List<Organization>();
        for (var i = 1; i <= 3; i++)
        {
            members.Add(await new OrganizationBuilder().Named($"Arras membre {i}").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app));
            others.Add(await new OrganizationBuilder().Named($"Arras autre {i}").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app));
        }
        await app.WithDbAsync(async db =>
        {
            var artois = new Network { Name = "Réseau de l'Artois", Slug = Artois, CreatedAt = FakeClock.Default.UtcDateTime };
            db.Networks.Add(artois);
            db.NetworkMemberships.AddRange(members.Select(o =>
                new NetworkMembership { NetworkId = artois.Id, OrganizationId = o.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime }));
            await db.SaveChangesAsync();
        });
        // May 2025 in Arras: 5 helps between the network's members, 2 between organisations outside it.
        var may = new DateOnly(2025, 5, 12);
        await ExchangesAsync(app, members[0], members[1], 3, market: false, may);
        await ExchangesAsync(app, members[1], members[2], 2, market: false, may);
        await ExchangesAsync(app, others[0], others[1], 2, market: false, may);

        Assert.Equal(new Line("62041", "Arras", 7, 0, 0m, 7, 7m, 5), (await ActivityAsync(app, "by=commune")).Lines.Single());
        // The site's 7 minus the network's 5 would give the 2 outside it: the network's helps and total are secret.
        Assert.Equal(new Line("62041", "Arras", null, 0, 0m, null, null, null), (await ActivityAsync(app, $"by=commune&reseau={Artois}")).Lines.Single());
        var months = (await ActivityAsync(app, $"by=month&from=2025-01&to=2025-12&reseau={Artois}")).Lines;
        NothingHiddenCanBeSubtracted(months);
        Assert.Null(months.Single(l => l.Key == "2025-05").NonMarketExchanges);
        var (_, file) = await FileAsync(app, $"/donnees-ouvertes/activite-communes.csv?reseau={Artois}");
        Assert.Equal(["", "0", "0,00", "", "", ""], file.Single(l => l[0] == "62041")[5..]);

        // 3 more outside the network: the site's 10 minus the network's 5 gives 5, which may be shown.
        await ExchangesAsync(app, others[1], others[2], 3, market: false, may);

        Assert.Equal(new Line("62041", "Arras", 5, 0, 0m, 5, 5m, 3), (await ActivityAsync(app, $"by=commune&reseau={Artois}")).Lines.Single());
        Assert.Equal(new Line("2025-05", "mai 2025", 5, 0, 0m, 5, 5m, 3),
            (await ActivityAsync(app, $"by=month&from=2025-01&to=2025-12&reseau={Artois}")).Lines.Single(l => l.Key == "2025-05"));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_unknown_network_is_a_problem_naming_reseau_and_never_a_server_error(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        foreach (var query in new[] { "by=commune&reseau=nulle-part", "by=semaine&reseau=nulle-part" })
        {
            var response = await client.GetAsync($"/api/v1/open-data/activity?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            Assert.Contains("Ce réseau n'existe pas", errors.GetProperty("reseau")[0].GetString());
        }

        foreach (var dataset in ElBasar.Web.Features.OpenData.Datasets.All)
        {
            var response = await client.GetAsync($"{dataset.Path}?reseau=nulle-part");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Ce réseau n'existe pas", await response.Content.ReadAsStringAsync());
        }

        var page = await client.GetAsync("/donnees-ouvertes?reseau=nulle-part");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var text = Html.VisibleText(await page.Content.ReadAsStringAsync());
        Assert.Contains("Page introuvable", text);
        Assert.Contains("Ce réseau n'existe pas : aucun réseau du site n'a cette adresse.", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_networks_home_page_leads_to_its_open_data_page_and_files(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);

        var home = await app.GetPageAsync($"/reseaux/{Artois}");
        Assert.Contains($"<a href=\"/donnees-ouvertes?reseau={Artois}\">Données ouvertes du réseau</a>", home);

        var page = await app.GetPageAsync($"/donnees-ouvertes?reseau={Artois}");
        Assert.Contains("Données ouvertes du réseau Réseau de l'Artois", Html.VisibleText(page));
        foreach (var dataset in ElBasar.Web.Features.OpenData.Datasets.All)
            Assert.Contains($"href=\"{dataset.Path}?reseau={Artois}\"", page);
        Assert.Contains($"href=\"/donnees-ouvertes/activite-epci.csv?reseau={Artois}&amp;from=2024-01&amp;to=2024-12\"", page);
        Assert.Contains($"href=\"/api/v1/open-data/activity?reseau={Artois}&amp;by=epci\"", page);
        Assert.Contains("Dictionnaire des données : Annuaire des structures", Html.VisibleText(page));

        // Without a network the page keeps the site's files.
        var site = await app.GetPageAsync("/donnees-ouvertes");
        Assert.Contains("href=\"/donnees-ouvertes/annuaire.csv\"", site);
        Assert.DoesNotContain("?reseau=", site);
    }
}
