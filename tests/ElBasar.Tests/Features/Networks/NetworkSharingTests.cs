using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Events;
using ElBasar.Tests.Features.Lending;
using ElBasar.Tests.Features.Listings.Publishing;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Networks;

/// <summary>
/// Lending items and events across two networks: each network's catalogue and calendar, through every route that
/// reads them, before, during and after a partnership that shares them.
/// </summary>
public sealed class NetworkSharingTests
{
    const string Slug = "reseau-lensois";
    const string Host = "lens.example.org";

    sealed record TwoNetworks(Guid Home, Network Lens, Lenders.Party Lille, Lenders.Party Arras, Lenders.Party Douai);

    [SkippableTheory, BothDatabases]
    public async Task Lending_items_follow_the_partnership_that_shares_them_and_a_reservation_outlives_it(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var (home, lens, lille, arras, douai) = await TwoNetworksAsync(app);
        var anonymous = app.Browser();

        // Created at Lens's host name, by a member of Lens: the items belong to Lens.
        var grinder = await ItemAtLensAsync(arras, "Broyeur lensois");
        var trailer = await ItemAtLensAsync(arras, "Remorque partagée");
        var secret = await ItemAtLensAsync(arras, "Bétonnière réservée");
        await VisibilityAsync(app, trailer, ListingVisibility.Partners);
        await VisibilityAsync(app, secret, ListingVisibility.Network);
        Assert.Equal(lens.Id, await app.WithDbAsync((db, _) => db.LendingItems.Where(i => i.Id == grinder).Select(i => i.Listing!.NetworkId).SingleAsync()));
        var tent = await lille.ItemAsync("Tente lilloise");

        // No partnership: each catalogue has its own; the partners-only item is nowhere for Lille.
        await AssertCatalogueAsync(anonymous, null, [tent], [grinder, trailer, secret]);
        await AssertCatalogueAsync(lille.Person.Api, null, [tent], [grinder, trailer, secret]);
        await AssertCatalogueAsync(arras.Person.Api, Slug, [grinder, trailer, secret], [tent]);
        await AssertHiddenAsync(lille.Person, trailer);
        await AssertHiddenAsync(lille.Person, secret);
        var refused = await lille.ReserveAsync(trailer, "2026-11-28", "2026-11-29");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("n'est pas prêté à votre réseau", (await Lenders.JsonAsync(refused)).GetProperty("detail").GetString());
        // Open to everyone on Lens's pages, but lent to Lens's members only: Lille may look, not borrow.
        var notMember = await Lenders.JsonAsync(await lille.ReserveAsync(grinder, "2026-11-28", "2026-11-29"));
        Assert.Contains("membres de son réseau", notMember.GetProperty("errors").GetProperty("asOrganizationId")[0].GetString());

        // Lens shares its items with the home network's members.
        var partnership = await Networking.PartnershipAsync(app, lens.Id, home, PartnershipDirection.ToPartner, PartnershipAudience.Members, items: true);
        await AssertCatalogueAsync(anonymous, null, [tent], [grinder, trailer, secret]);
        await AssertCatalogueAsync(lille.Person.Api, null, [tent, grinder, trailer], [secret]);
        // One way: the home network's tent stays off Lens's catalogue.
        await AssertCatalogueAsync(arras.Person.Api, Slug, [grinder, trailer, secret], [tent]);
        var shared = (await lille.Person.Api.GetFromJsonAsync<JsonElement>("/api/v1/items?pageSize=100")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == trailer);
        Assert.Equal("Réseau lensois", shared.GetProperty("network").GetProperty("name").GetString());
        var page = Html.VisibleText(await lille.Person.Browser.GetStringAsync($"/pret/{trailer}"));
        Assert.Contains("Prêté par Recyclerie lensoise — réseau Réseau lensois", page);
        Assert.Equal(HttpStatusCode.OK, (await lille.Person.Api.GetAsync($"/api/v1/items/{trailer}/availability?from=2026-11-28&to=2026-11-29")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lille.Person.Api.GetAsync($"/items/{trailer}.ics")).StatusCode);
        await AssertHiddenAsync(lille.Person, secret);

        // A member of the home network borrows as Lens's members do: the lender still answers.
        var (reservation, status) = await Lenders.ReservedAsync(await lille.ReserveAsync(trailer, "2026-11-28", "2026-11-29"));
        Assert.Equal("pending", status);
        Assert.Equal(HttpStatusCode.OK, (await arras.ActAsync(reservation, "approve")).StatusCode);

        // Shared with the home network's public: the item open to everyone shows to visitors, the partners-only one does not.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Audience = PartnershipAudience.Public);
        await AssertCatalogueAsync(anonymous, null, [tent, grinder], [trailer, secret]);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/pret/{trailer}")).StatusCode);

        // Both ways: the tent is now on Lens's catalogue, and Arras borrows it.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Direction = PartnershipDirection.Both);
        await AssertCatalogueAsync(arras.Person.Api, Slug, [grinder, trailer, secret, tent], []);
        Assert.Equal("pending", (await Lenders.ReservedAsync(await arras.ReserveAsync(tent, "2026-12-01", "2026-12-02"))).Status);
        Assert.Contains("Tente lilloise · Prêté par Atelier lillois — réseau", Html.VisibleText(await arras.Person.Browser.GetStringAsync($"/reseaux/{Slug}")));

        // Ended: everything shared is gone from the home network, through every route.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Status = PartnershipStatus.Ended);
        await AssertCatalogueAsync(anonymous, null, [tent], [grinder, trailer, secret]);
        await AssertCatalogueAsync(lille.Person.Api, null, [tent], [grinder, trailer, secret]);
        await AssertCatalogueAsync(arras.Person.Api, Slug, [grinder, trailer, secret], [tent]);
        await AssertHiddenAsync(lille.Person, trailer);
        Assert.DoesNotContain("Tente lilloise", Html.VisibleText(await arras.Person.Browser.GetStringAsync($"/reseaux/{Slug}")));
        Assert.Equal(HttpStatusCode.NotFound, (await douai.ReserveAsync(trailer, "2026-12-10", "2026-12-11")).StatusCode);
        // The reservation made under the partnership is honoured: both parties still see it, the lender lends and takes it back.
        Assert.Equal(HttpStatusCode.OK, (await lille.Person.Api.GetAsync($"/api/v1/reservations/{reservation}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lille.Person.Browser.GetAsync($"/pret/reservations/{reservation}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await arras.ActAsync(reservation, "checkout")).StatusCode);
        Assert.Equal("lent", (await Lenders.JsonAsync(await lille.Person.Api.GetAsync($"/api/v1/reservations/{reservation}"))).GetProperty("status").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_lending_listing_shared_without_its_item_shows_no_way_to_borrow_until_items_are_shared(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var (home, lens, lille, arras, _) = await TwoNetworksAsync(app);
        // Open to partners only: outside Lens, only a partnership shows it.
        var grinder = await ItemAtLensAsync(arras, "Broyeur lensois");
        await VisibilityAsync(app, grinder, ListingVisibility.Partners);
        var listing = await app.WithDbAsync((db, _) => db.LendingItems.Where(i => i.Id == grinder).Select(i => i.ListingId).SingleAsync());

        // Lens shares its listings with the home network, not its lending items: the listing shows, the item does not open.
        var partnership = await Networking.PartnershipAsync(app, lens.Id, home, PartnershipDirection.ToPartner, PartnershipAudience.Members, listings: true);
        var page = await lille.Person.Browser.GetStringAsync($"/annonces/{listing}");
        Assert.Contains("Broyeur lensois", page);
        Assert.DoesNotContain($"/pret/{grinder}", page);
        Assert.Contains("pour l'emprunter, écrivez à la structure", Html.VisibleText(page));
        await AssertHiddenAsync(lille.Person, grinder);
        // Its lender still has the link.
        Assert.Contains($"/pret/{grinder}", await arras.Person.Browser.GetStringAsync($"/annonces/{listing}"));

        await Networking.ChangeAsync(app, partnership.Id, p => p.SharesItems = true);
        page = await lille.Person.Browser.GetStringAsync($"/annonces/{listing}");
        Assert.Contains($"/pret/{grinder}", page);
        Assert.Equal(HttpStatusCode.OK, (await lille.Person.Browser.GetAsync($"/pret/{grinder}")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Events_follow_the_partnership_that_shares_them_on_pages_api_and_calendars(string provider)
    {
        await using var app = await Eventing.StartAsync(provider);
        var (home, lens, lille, arras, douai) = await TwoNetworksAsync(app);
        var anonymous = app.Browser();

        // Announced at Lens's host name by one of its members: a Lens event, for its members.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(Eventing.Aperitif(host: arras.Organization.Id)) };
        request.Headers.Host = Host;
        var announced = await arras.Person.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, announced.StatusCode);
        var apero = (await announced.Content.ReadFromJsonAsync<Eventing.EventDto>())!.Id;
        Assert.Equal(lens.Id, await app.WithDbAsync((db, _) => db.Set<ElBasar.Web.Features.Events.Event>().Where(e => e.Id == apero).Select(e => e.NetworkId).SingleAsync()));

        await AssertCalendarAsync(anonymous, apero, seen: false);
        await AssertCalendarAsync(lille.Person.Browser, apero, seen: false);
        Assert.Contains(apero.ToString(), await anonymous.GetStringAsync($"/api/v1/events?network={Slug}"));
        Assert.Contains("Apéro itinérant", Html.VisibleText(await anonymous.GetStringAsync($"/reseaux/{Slug}")));
        Assert.Equal(HttpStatusCode.Forbidden, (await Eventing.RegisterAsync(lille.Person.Api, apero)).StatusCode);
        var unknown = await anonymous.GetAsync("/api/v1/events?network=nulle-part");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Aucun réseau", await unknown.Content.ReadAsStringAsync());

        // Shared with the home network's members: they see it and register; visitors do not see it.
        var partnership = await Networking.PartnershipAsync(app, lens.Id, home, PartnershipDirection.ToPartner, PartnershipAudience.Members, events: true);
        await AssertCalendarAsync(anonymous, apero, seen: false);
        await AssertCalendarAsync(lille.Person.Browser, apero, seen: true);
        var listed = (await lille.Person.Api.GetFromJsonAsync<JsonElement>("/api/v1/events")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Réseau lensois", listed.GetProperty("network").GetProperty("name").GetString());
        Assert.Contains("Partagé par le réseau Réseau lensois", Html.VisibleText(await lille.Person.Browser.GetStringAsync("/evenements")));
        Assert.Equal(HttpStatusCode.Created, (await Eventing.RegisterAsync(lille.Person.Api, apero)).StatusCode);

        // Shared with the public: on every calendar of the home network; still never in what leaves the installation.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Audience = PartnershipAudience.Public);
        await AssertCalendarAsync(anonymous, apero, seen: true);
        var upserts = (await anonymous.GetStringAsync("/api/v1/feed/events")).Split('\n').Where(line => line.Contains("\"upsert\""));
        Assert.DoesNotContain(upserts, line => line.Contains(apero.ToString()));

        // Ended: gone from the home network's calendars; its members may no longer register.
        await Networking.ChangeAsync(app, partnership.Id, p => p.Status = PartnershipStatus.Ended);
        await AssertCalendarAsync(anonymous, apero, seen: false);
        await AssertCalendarAsync(lille.Person.Browser, apero, seen: false);
        Assert.Equal(HttpStatusCode.Forbidden, (await Eventing.RegisterAsync(douai.Person.Api, apero)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_network_home_page_shows_thirty_listings_a_page_newest_first(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (_, lens, _, arras, _) = await TwoNetworksAsync(app);
        for (var i = 1; i <= 31; i++)
        {
            var listing = await new ListingBuilder(arras.Organization).Titled($"Annonce numéro {i:00}").SaveAsync(app);
            var createdAt = FakeClock.Default.UtcDateTime.AddDays(-40).AddHours(i);
            await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.NetworkId, lens.Id).SetProperty(l => l.CreatedAt, createdAt)));
        }
        var anonymous = app.Browser();
        var first = Html.VisibleText(await anonymous.GetStringAsync($"/reseaux/{Slug}"));
        Assert.Contains("Annonce numéro 31", first);
        Assert.Contains("Annonce numéro 02", first);
        Assert.DoesNotContain("Annonce numéro 01", first);
        Assert.Contains("Annonces plus anciennes", first);
        Assert.DoesNotContain("Annonces plus récentes", first);
        Assert.Contains("Page 1 sur 2", first);
        var second = Html.VisibleText(await anonymous.GetStringAsync($"/reseaux/{Slug}?page=2"));
        Assert.Contains("Annonce numéro 01", second);
        Assert.DoesNotContain("Annonce numéro 02", second);
        Assert.Contains("Annonces plus récentes", second);
        Assert.DoesNotContain("Annonces plus anciennes", second);
        // A page past the end shows the last one.
        Assert.Contains("Annonce numéro 01", Html.VisibleText(await anonymous.GetStringAsync($"/reseaux/{Slug}?page=99")));
    }

    /// <summary>The home network with Lille and Douai; Lens, answering at its own host name, with Arras.</summary>
    static async Task<TwoNetworks> TwoNetworksAsync(TestApp app)
    {
        var lens = new Network { Slug = Slug, Name = "Réseau lensois", HostName = Host, CreatedAt = FakeClock.Default.UtcDateTime };
        await app.WithDbAsync(async db =>
        {
            db.Networks.Add(lens);
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<NetworkHosts>().Forget();
        var lille = await Lenders.PartyAsync(app, "Atelier lillois", "lille@example.org");
        var douai = await Lenders.PartyAsync(app, "Jardin douaisien", "douai@example.org");
        var arras = await Lenders.PartyAsync(app, "Recyclerie lensoise", "arras@example.org", member: false);
        await app.WithDbAsync(async db =>
        {
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = lens.Id, OrganizationId = arras.Organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        return new TwoNetworks(await app.HomeNetworkIdAsync(), lens, lille, arras, douai);
    }

    static async Task<Guid> ItemAtLensAsync(Lenders.Party lender, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/items")
        {
            Content = JsonContent.Create(new { organizationId = lender.Organization.Id, title, category = "equipment", quantity = 1, audience = "members" }),
        };
        request.Headers.Host = Host;
        var response = await lender.Person.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Lenders.JsonAsync(response)).GetProperty("id").GetGuid();
    }

    static Task VisibilityAsync(TestApp app, Guid item, ListingVisibility visibility) =>
        app.WithDbAsync(async db =>
        {
            var listing = await db.LendingItems.Where(i => i.Id == item).Select(i => i.ListingId).SingleAsync();
            await db.Listings.Where(l => l.Id == listing).ExecuteUpdateAsync(s => s.SetProperty(l => l.Visibility, visibility));
        });

    /// <summary>A network's lending catalogue (the API; null: the current network) lists exactly what it should.</summary>
    static async Task AssertCatalogueAsync(HttpClient client, string? network, Guid[] seen, Guid[] unseen)
    {
        var catalogue = await client.GetStringAsync("/api/v1/items?pageSize=100" + (network is null ? "" : "&network=" + network));
        foreach (var id in seen) Assert.Contains(id.ToString(), catalogue);
        foreach (var id in unseen) Assert.DoesNotContain(id.ToString(), catalogue);
    }

    /// <summary>Not found through every route that shows an item: its page, the API, its availability and its calendar feed.</summary>
    static async Task AssertHiddenAsync(Person person, Guid item)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await person.Browser.GetAsync($"/pret/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.Api.GetAsync($"/api/v1/items/{item}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.Api.GetAsync($"/api/v1/items/{item}/availability?from=2026-11-28&to=2026-11-29")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.Api.GetAsync($"/items/{item}.ics")).StatusCode);
    }

    /// <summary>The home network's calendar, as the API, the page, its iCalendar feed and the home page show it.</summary>
    static async Task AssertCalendarAsync(HttpClient client, Guid apero, bool seen)
    {
        var api = await client.GetStringAsync("/api/v1/events");
        var ics = await client.GetStringAsync("/events.ics");
        var page = await client.GetStringAsync("/evenements");
        var home = await client.GetStringAsync("/");
        Assert.Equal(seen, api.Contains(apero.ToString()));
        Assert.Equal(seen, ics.Contains($"{apero}@elbasar"));
        Assert.Equal(seen, page.Contains($"/evenements/{apero}"));
        Assert.Equal(seen, home.Contains($"/evenements/{apero}"));
    }
}
