using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Networks;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>
/// Alerts on an installation of two networks: a saved search hears of what search in its own
/// network shows its owner, its network's listings and those a partnership in force shares towards
/// it, and never of a listing kept to another network's members.
/// </summary>
public sealed class NetworkAlertTests
{
    const string LensSlug = "reseau-lensois";

    /// <summary>
    /// The home network with a publishing organisation (Lille) and a reader's (Roubaix); Lens with a
    /// publishing organisation (Arras) and a reader's (Béthune); and an account that belongs to none.
    /// Each reader saves "tonnelle" in their own network; the outsider in both.
    /// </summary>
    sealed class World
    {
        public required TestApp App { get; init; }
        public required Guid Home { get; init; }
        public required Guid Lens { get; init; }
        public required Organization Lille { get; init; }
        public required Organization Arras { get; init; }
        public required Alerting.Person HomeReader { get; init; }
        public required Alerting.Person LensReader { get; init; }
        public required Alerting.Person Outsider { get; init; }
        public required Guid HomeSearch { get; init; }
        public required Guid LensSearch { get; init; }
        public required Guid OutsiderHomeSearch { get; init; }
        public required Guid OutsiderLensSearch { get; init; }

        /// <summary>Publishes one "tonnelle" listing per visibility, in the organisation's network.</summary>
        public async Task<(Listing Public, Listing Partners, Listing Members)> PublishAsync(Organization organization, Guid network, string of)
        {
            Task<Listing> One(string title, ListingVisibility visibility) =>
                new ListingBuilder(organization).Titled(title).InNetwork(network, visibility).SaveAsync(App);
            return (await One($"Tonnelle publique {of}", ListingVisibility.Everyone),
                await One($"Tonnelle des partenaires {of}", ListingVisibility.Partners),
                await One($"Tonnelle réservée {of}", ListingVisibility.Network));
        }

        public Task<List<Guid>> MatchedAsync(Guid savedSearchId) =>
            App.WithDbAsync((db, _) => db.SavedSearchMatches.Where(m => m.SavedSearchId == savedSearchId).Select(m => m.ListingId).ToListAsync());

        public Task PartnershipAsync(PartnershipDirection direction, PartnershipAudience audience) =>
            Networking.PartnershipAsync(App, Lens, Home, direction, audience, listings: true);
    }

    static async Task<World> WorldAsync(TestApp app, string frequency = "instant")
    {
        var home = await app.HomeNetworkIdAsync();
        var lens = new Network { Slug = LensSlug, Name = "Réseau lensois", CreatedAt = FakeClock.Default.UtcDateTime };
        var lille = await new OrganizationBuilder().Named("Atelier lillois").SaveAsync(app);
        var roubaix = await new OrganizationBuilder().Named("Ressourcerie roubaisienne").SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Recyclerie d'Arras").NotMember().SaveAsync(app);
        var bethune = await new OrganizationBuilder().Named("Jardin de Béthune").NotMember().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.Networks.Add(lens);
            foreach (var organization in new[] { arras, bethune })
                db.NetworkMemberships.Add(new NetworkMembership { NetworkId = lens.Id, OrganizationId = organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var homeReader = await Alerting.PersonAsync(app, "lina@example.org", "Lina Lilloise");
        var lensReader = await Alerting.PersonAsync(app, "bao@example.org", "Bao Béthunois");
        var outsider = await Alerting.PersonAsync(app, "oscar@example.org", "Oscar Passant");
        await app.AddToOrganizationAsync(roubaix.Id, homeReader.Id);
        await app.AddToOrganizationAsync(bethune.Id, lensReader.Id);
        return new World
        {
            App = app, Home = home, Lens = lens.Id, Lille = lille, Arras = arras,
            HomeReader = homeReader, LensReader = lensReader, Outsider = outsider,
            HomeSearch = (await homeReader.SaveAsync("Tonnelles", new { q = "tonnelle" }, frequency)).Id,
            LensSearch = (await SaveInAsync(lensReader, LensSlug, frequency)).Id,
            OutsiderHomeSearch = (await outsider.SaveAsync("Tonnelles", new { q = "tonnelle" }, frequency)).Id,
            OutsiderLensSearch = (await SaveInAsync(outsider, LensSlug, frequency)).Id,
        };
    }

    static async Task<Alerting.SavedSearchDto> SaveInAsync(Alerting.Person person, string network, string frequency)
    {
        var response = await person.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Tonnelles à Lens", query = new { q = "tonnelle" }, frequency, network });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Alerting.SavedSearchDto>())!;
    }

    [SkippableTheory, BothDatabases]
    public async Task Without_a_partnership_each_search_hears_of_its_own_network_and_a_member_only_listing_reaches_its_members_only(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var world = await WorldAsync(app);
        var lille = await world.PublishAsync(world.Lille, world.Home, "de Lille");
        var arras = await world.PublishAsync(world.Arras, world.Lens, "d'Arras");

        await app.RunWorkerAsync();

        Assert.Equal(new[] { lille.Public.Id, lille.Partners.Id, lille.Members.Id }.Order(), (await world.MatchedAsync(world.HomeSearch)).Order());
        Assert.Equal(new[] { arras.Public.Id, arras.Partners.Id, arras.Members.Id }.Order(), (await world.MatchedAsync(world.LensSearch)).Order());
        Assert.Equal([lille.Public.Id], await world.MatchedAsync(world.OutsiderHomeSearch));
        Assert.Equal([arras.Public.Id], await world.MatchedAsync(world.OutsiderLensSearch));

        // The member-only listing of Lens is in no mail but its members'.
        foreach (var person in new[] { world.HomeReader, world.Outsider })
        {
            var mails = await app.MailsToAsync(person.Email);
            Assert.NotEmpty(mails);
            Assert.DoesNotContain(mails, m => m.ToEmail().TextBody.Contains("Tonnelle réservée d'Arras") || m.ToEmail().TextBody.Contains(arras.Members.Id.ToString()));
        }
        Assert.Contains(await app.MailsToAsync(world.LensReader.Email), m => m.ToEmail().TextBody.Contains("Tonnelle réservée d'Arras"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_partnership_in_force_alerts_the_partner_network_one_way_and_the_mail_names_the_sharing_network(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var world = await WorldAsync(app);
        await world.PartnershipAsync(PartnershipDirection.ToPartner, PartnershipAudience.Public);
        var lille = await world.PublishAsync(world.Lille, world.Home, "de Lille");
        var arras = await world.PublishAsync(world.Arras, world.Lens, "d'Arras");

        await app.RunWorkerAsync();

        // Lens shares towards the home network: its members hear of Lens's public and partners' listings, its public of the public one.
        Assert.Equal(new[] { lille.Public.Id, lille.Partners.Id, lille.Members.Id, arras.Public.Id, arras.Partners.Id }.Order(),
            (await world.MatchedAsync(world.HomeSearch)).Order());
        Assert.Equal(new[] { lille.Public.Id, arras.Public.Id }.Order(), (await world.MatchedAsync(world.OutsiderHomeSearch)).Order());
        // Nothing flows the other way.
        Assert.Equal(new[] { arras.Public.Id, arras.Partners.Id, arras.Members.Id }.Order(), (await world.MatchedAsync(world.LensSearch)).Order());
        Assert.Equal([arras.Public.Id], await world.MatchedAsync(world.OutsiderLensSearch));

        var mail = Assert.Single(await app.MailsToAsync(world.HomeReader.Email)).ToEmail();
        Assert.Contains("Tonnelle publique d'Arras\n  Annonce partagée par le réseau Réseau lensois", mail.TextBody);
        Assert.Contains("Annonce partagée par le réseau Réseau lensois", WebUtility.HtmlDecode(mail.HtmlBody));
        Assert.DoesNotContain("Tonnelle publique de Lille\n  Annonce partagée", mail.TextBody);
        Assert.DoesNotContain("Tonnelle réservée d'Arras", mail.TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_partnership_for_members_alerts_the_partners_members_and_not_its_public(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var world = await WorldAsync(app);
        await world.PartnershipAsync(PartnershipDirection.Both, PartnershipAudience.Members);
        var lille = await world.PublishAsync(world.Lille, world.Home, "de Lille");
        var arras = await world.PublishAsync(world.Arras, world.Lens, "d'Arras");

        await app.RunWorkerAsync();

        Assert.Equal(new[] { lille.Public.Id, lille.Partners.Id, lille.Members.Id, arras.Public.Id, arras.Partners.Id }.Order(),
            (await world.MatchedAsync(world.HomeSearch)).Order());
        Assert.Equal(new[] { arras.Public.Id, arras.Partners.Id, arras.Members.Id, lille.Public.Id, lille.Partners.Id }.Order(),
            (await world.MatchedAsync(world.LensSearch)).Order());
        Assert.Equal([lille.Public.Id], await world.MatchedAsync(world.OutsiderHomeSearch));
        Assert.Equal([arras.Public.Id], await world.MatchedAsync(world.OutsiderLensSearch));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_ended_partnership_alerts_nobody_and_a_match_waiting_in_a_digest_is_left_out(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var world = await WorldAsync(app, frequency: "daily");
        await world.PartnershipAsync(PartnershipDirection.Both, PartnershipAudience.Public);
        var before = await world.PublishAsync(world.Arras, world.Lens, "d'Arras");
        await app.RunWorkerAsync();
        Assert.Equal(new[] { before.Public.Id, before.Partners.Id }.Order(), (await world.MatchedAsync(world.HomeSearch)).Order());

        await app.WithDbAsync(db => db.Partnerships.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PartnershipStatus.Ended)));
        var after = await new ListingBuilder(world.Arras).Titled("Tonnelle publiée après la fin").SaveAsync(app);
        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == after.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.NetworkId, world.Lens)));
        var home = await new ListingBuilder(world.Lille).Titled("Tonnelle de Lille").SaveAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunWorkerAsync();

        Assert.DoesNotContain(after.Id, await world.MatchedAsync(world.HomeSearch));
        Assert.DoesNotContain(after.Id, await world.MatchedAsync(world.OutsiderHomeSearch));
        // The digest carries the home network's listing, not the ones matched while the partnership was in force.
        var mail = Assert.Single(await app.MailsToAsync(world.HomeReader.Email)).ToEmail();
        Assert.Contains("Tonnelle de Lille", mail.TextBody);
        Assert.DoesNotContain("Arras", mail.TextBody);
        var feed = await app.Browser().GetStringAsync(await app.WithDbAsync((db, _) => db.SavedSearches.Where(s => s.Id == world.HomeSearch).Select(s => "/alertes/" + s.FeedToken + ".atom").SingleAsync()));
        Assert.Contains(home.Id.ToString(), feed);
        Assert.DoesNotContain(before.Public.Id.ToString(), feed);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_api_and_the_alerts_page_name_each_searchs_network(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var world = await WorldAsync(app);

        var listed = (await world.Outsider.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/saved-searches")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => (s.GetProperty("network").GetString(), s.GetProperty("networkName").GetString()));
        Assert.Equal(Network.HomeSlug, listed["Tonnelles"].Item1);
        Assert.Equal((LensSlug, "Réseau lensois"), listed["Tonnelles à Lens"]);

        var refused = await world.Outsider.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Ailleurs", query = new { q = "tonnelle" }, frequency = "daily", network = "nulle-part" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nulle-part", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("network")[0].GetString());

        var page = Html.VisibleText(await world.Outsider.Client.GetStringAsync("/espace/alertes"));
        Assert.Contains("Réseau : Réseau lensois", page);
        // A person with alerts in one network, who belongs to one, is not told about networks.
        Assert.DoesNotContain("Réseau :", Html.VisibleText(await world.HomeReader.Client.GetStringAsync("/espace/alertes")));
    }
}
