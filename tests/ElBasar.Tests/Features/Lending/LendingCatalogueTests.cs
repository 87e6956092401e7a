using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ElBasar.Tests.Features.Listings.Publishing;
using ElBasar.Tests.Features.Networks;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

/// <summary>The catalogue page <c>/pret</c>: the same items as <c>GET /api/v1/items</c>, across partnerships, filtered and paged.</summary>
public sealed partial class LendingCatalogueTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_catalogue_shows_what_the_api_gives_the_reader_with_partners_items_marked_while_they_are_shared(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var home = await app.HomeNetworkIdAsync();
        var lens = await Networking.NetworkAsync(app, "Réseau lensois", "reseau-lensois");
        var lille = await PartyAsync(app, "Atelier lillois", "lille@example.org");
        var arras = await PartyAsync(app, "Recyclerie arrageoise", "arras@example.org");
        var tent = await lille.ItemAsync("Tente de réception");
        var secret = await lille.ItemAsync("Bétonnière réservée");
        await VisibilityAsync(app, secret, ListingVisibility.Network);
        // Listed by a member of both networks, then moved to Lens: a Lens item.
        var grinder = await arras.ItemAsync("Broyeur lensois");
        await app.WithDbAsync(async db =>
        {
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = lens.Id, OrganizationId = arras.Organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
            var listing = await db.LendingItems.Where(i => i.Id == grinder).Select(i => i.ListingId).SingleAsync();
            await db.Listings.Where(l => l.Id == listing).ExecuteUpdateAsync(s => s.SetProperty(l => l.NetworkId, lens.Id));
        });
        var anonymous = app.Browser();

        // Its own items; one for the network's members only shows to them alone.
        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret", [tent], [secret, grinder]);
        await AssertCatalogueAsync(lille.Person, "/pret", [tent, secret], [grinder]);
        var page = await anonymous.GetStringAsync("/pret");
        Assert.Single(H1().Matches(page));
        Assert.Contains("<label for=\"q\">", page);
        Assert.Contains("<a href=\"/pret\" aria-current=\"page\">", page);
        var text = Html.VisibleText(page);
        Assert.Contains("1 objet à emprunter", text);
        Assert.Contains("Atelier lillois · Lille", text);
        Assert.Contains("Matériel et équipement", text);
        Assert.Contains("Gratuit · caution : 50 €", text);
        Assert.DoesNotContain("Prêté par le réseau", text);

        // Lens shares its items with the home network's public: its item shows, marked with its network.
        var partnership = await Networking.PartnershipAsync(app, lens.Id, home, PartnershipDirection.ToPartner, PartnershipAudience.Public, items: true);
        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret", [tent, grinder], [secret]);
        await AssertCatalogueAsync(lille.Person, "/pret", [tent, secret, grinder], []);
        Assert.Contains("Matériel et équipement Broyeur lensois Recyclerie arrageoise · Lille Gratuit · caution : 50 € Prêté par le réseau Réseau lensois",
            Html.VisibleText(await anonymous.GetStringAsync("/pret")));
        // Another network's catalogue: its own items, not marked; the home network's stay off it (one way).
        var lensPage = await anonymous.GetStringAsync("/pret?reseau=reseau-lensois");
        Assert.Contains($"/pret/{grinder}", lensPage);
        Assert.DoesNotContain($"/pret/{tent}", lensPage);
        Assert.DoesNotContain("Prêté par le réseau", Html.VisibleText(lensPage));
        Assert.Contains("name=\"reseau\" value=\"reseau-lensois\"", lensPage);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/pret?reseau=nulle-part")).StatusCode);
        Assert.Contains("<a href=\"/pret?reseau=reseau-lensois\">Tout le mat", await anonymous.GetStringAsync("/reseaux/reseau-lensois"));

        // Listings shared, items no longer: the item leaves the catalogue; so it does when the partnership ends.
        await Networking.ChangeAsync(app, partnership.Id, p => (p.SharesItems, p.SharesListings) = (false, true));
        await AssertCatalogueAsync(lille.Person, "/pret", [tent, secret], [grinder]);
        await Networking.ChangeAsync(app, partnership.Id, p => (p.SharesItems, p.Status) = (true, PartnershipStatus.Ended));
        await AssertCatalogueAsync(lille.Person, "/pret", [tent, secret], [grinder]);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_catalogue_filters_by_words_category_and_departement_and_pages_thirty_at_a_time(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await PartyAsync(app, "Atelier lillois", "lille@example.org");
        var bethune = await PartyAsync(app, "Ressourcerie de Béthune", "bethune@example.org", commune: "Béthune");
        var saw = await lille.ItemAsync("Scie sauteuse électrique");
        var bike = await bethune.ItemAsync("Vélo cargo", category: "mobility");
        for (var i = 1; i <= 31; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await lille.ItemAsync($"Lot de chaises numéro {i:00}");
        }
        var anonymous = app.Browser();

        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret?q=SCIE", [saw], [bike]);
        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret?q=b%C3%A2che&categorie=mobility", [bike], [saw]);
        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret?categorie=mobility", [bike], [saw]);
        await AssertCatalogueAsync(new(anonymous, anonymous), "/pret?departement=62", [bike], [saw]);
        var filtered = await anonymous.GetStringAsync("/pret?q=cargo&departement=62");
        Assert.Contains("<option value=\"62\" selected=\"selected\">Pas-de-Calais (62)</option>", filtered);
        Assert.Contains("<option value=\"mobility\">", filtered);
        Assert.Contains("1 objet à emprunter avec ces filtres", Html.VisibleText(filtered));

        var none = await anonymous.GetStringAsync("/pret?q=cargo&departement=59");
        Assert.Contains("Aucun matériel ne correspond à ces filtres. Retirer les filtres", Html.VisibleText(none));
        Assert.Contains("<a href=\"/pret\">Retirer les filtres</a>", none);
        var unknown = Html.VisibleText(await anonymous.GetStringAsync("/pret?departement=999"));
        Assert.Contains("Le département « 999 » n'existe pas", unknown);
        Assert.Contains("33 objets à emprunter", unknown);

        // Newest first, thirty a page, the filters kept from page to page; a page past the end shows the last.
        var first = await anonymous.GetStringAsync("/pret?q=chaises");
        var firstText = Html.VisibleText(first);
        Assert.Contains("31 objets à emprunter avec ces filtres", firstText);
        Assert.Contains("numéro 31", firstText);
        Assert.Contains("numéro 02", firstText);
        Assert.DoesNotContain("numéro 01", firstText);
        Assert.Contains("Page 1 sur 2", firstText);
        Assert.DoesNotContain("Matériel précédent", firstText);
        Assert.Contains("<a href=\"/pret?q=chaises&amp;page=2\" rel=\"next\">Matériel suivant</a>", first);
        var second = Html.VisibleText(await anonymous.GetStringAsync("/pret?q=chaises&page=2"));
        Assert.Contains("numéro 01", second);
        Assert.DoesNotContain("numéro 02", second);
        Assert.Contains("Matériel précédent", second);
        Assert.DoesNotContain("Matériel suivant", second);
        Assert.Contains("numéro 01", Html.VisibleText(await anonymous.GetStringAsync("/pret?q=chaises&page=99")));
    }

    /// <summary>The page lists exactly the items the API's catalogue gives the same reader, and among them those expected.</summary>
    static async Task AssertCatalogueAsync(Reader reader, string path, Guid[] seen, Guid[] unseen)
    {
        var listed = Linked().Matches(await reader.Browser.GetStringAsync(path)).Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
        foreach (var id in seen) Assert.Contains(id, listed);
        foreach (var id in unseen) Assert.DoesNotContain(id, listed);
        if (path == "/pret")
        {
            var api = (await reader.Api.GetFromJsonAsync<JsonElement>("/api/v1/items?pageSize=100")).GetProperty("items").EnumerateArray()
                .Select(i => i.GetProperty("id").GetGuid()).ToHashSet();
            Assert.Equal(api, listed);
        }
    }

    /// <summary>Someone reading the page (<see cref="Browser"/>) and the API (<see cref="Api"/>).</summary>
    sealed record Reader(HttpClient Browser, HttpClient Api)
    {
        public static implicit operator Reader(Person person) => new(person.Browser, person.Api);
    }

    static Task VisibilityAsync(TestApp app, Guid item, ListingVisibility visibility) =>
        app.WithDbAsync(async db =>
        {
            var listing = await db.LendingItems.Where(i => i.Id == item).Select(i => i.ListingId).SingleAsync();
            await db.Listings.Where(l => l.Id == listing).ExecuteUpdateAsync(s => s.SetProperty(l => l.Visibility, visibility));
        });

    [GeneratedRegex("href=\"/pret/([0-9a-f-]{36})\"")]
    private static partial Regex Linked();

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1();
}
