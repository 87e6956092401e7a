using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Networks;

/// <summary>Two networks on one installation: what each one's public and members see, before and after a partnership.</summary>
public sealed class NetworkVisibilityTests
{
    const string Slug = "reseau-lensois";

    [SkippableTheory, BothDatabases]
    public async Task A_member_only_listing_never_leaks_and_a_partnership_shares_the_public_offers(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        await app.CreateAccountAsync("lens@example.org", SiteRoles.Member, "Lou Animatrice");

        // The admin creates the second network and names its facilitator.
        var created = await admin.SubmitAsync("/admin/reseaux", new Dictionary<string, string>
        {
            ["Fields.Name"] = "Réseau lensois", ["Fields.Slug"] = Slug, ["Fields.PrimaryColour"] = "#1d4e89",
            ["Fields.Charter"] = "Nous partageons nos outils.", ["Fields.MembershipRules"] = "Cotisation : 20 € par an.",
            ["Fields.WidestVisibility"] = "everyone",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var lens = await app.WithDbAsync((db, _) => db.Networks.SingleAsync(n => n.Slug == Slug));
        var named = await admin.PostFormAsync($"/admin/reseaux/{lens.Id}", $"/admin/reseaux/{lens.Id}?handler=AddFacilitator", new Dictionary<string, string> { ["FacilitatorEmail"] = "lens@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, named.StatusCode);
        var facilitator = await app.SignedInAsync("lens@example.org");

        // A home organisation, and one of Lens that asks to join and is accepted.
        var lille = await new OrganizationBuilder().Named("Atelier lillois").SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Recyclerie lensoise").NotMember().SaveAsync(app);
        var owner = await app.CreateAccountAsync("owner@example.org", SiteRoles.Member, "Sam Responsable");
        var homeMember = await app.CreateAccountAsync("lille@example.org", SiteRoles.Member, "Lina Lilloise");
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = arras.Id, UserId = owner.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = lille.Id, UserId = homeMember.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var lensMember = await app.SignedInAsync("owner@example.org");
        Assert.Equal(HttpStatusCode.Redirect, (await lensMember.SubmitAsync($"/reseaux/{Slug}/rejoindre", new Dictionary<string, string> { ["OrganizationId"] = arras.Id.ToString() })).StatusCode);
        Assert.Contains("Recyclerie lensoise", await TextAsync(facilitator, $"/reseaux/{Slug}/animation"));
        Assert.Equal(HttpStatusCode.NotFound, (await lensMember.GetAsync($"/reseaux/{Slug}/animation")).StatusCode);
        var accepted = await facilitator.PostFormAsync($"/reseaux/{Slug}/animation", $"/reseaux/{Slug}/animation?handler=Accept&organizationId={arras.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var homeReader = await app.SignedInAsync("lille@example.org");

        var home = await app.HomeNetworkIdAsync();
        var homePublic = await ListingAsync(app, lille, "Tonnelle publique", home, ListingVisibility.Everyone);
        var homeNetwork = await ListingAsync(app, lille, "Perceuse réservée", home, ListingVisibility.Network);
        var lensPublic = await ListingAsync(app, arras, "Broyeur lensois", lens.Id, ListingVisibility.Everyone);
        var lensNetwork = await ListingAsync(app, arras, "Bétonnière lensoise", lens.Id, ListingVisibility.Network);
        var lensPartners = await ListingAsync(app, arras, "Échafaudage partagé", lens.Id, ListingVisibility.Partners);
        var anonymous = app.Browser();

        // Before any partnership, each network shows its own.
        Assert.Contains("/reseaux/reseau-lensois/theme.css", await anonymous.GetStringAsync($"/reseaux/{Slug}"));
        var lensPage = await TextAsync(anonymous, $"/reseaux/{Slug}");
        Assert.Contains("Réseau lensois", lensPage);
        Assert.Contains("Recyclerie lensoise", lensPage);
        Assert.Contains("Broyeur lensois", lensPage);
        Assert.DoesNotContain("Bétonnière", lensPage);
        Assert.DoesNotContain("Échafaudage", lensPage);
        Assert.DoesNotContain("Tonnelle", lensPage);
        Assert.Contains("#1d4e89", await anonymous.GetStringAsync($"/reseaux/{Slug}/theme.css"));
        Assert.Contains("Cotisation : 20 € par an.", await TextAsync(anonymous, $"/reseaux/{Slug}/charte"));
        var ownPage = await TextAsync(lensMember, $"/reseaux/{Slug}");
        Assert.Contains("Bétonnière lensoise", ownPage);
        Assert.Contains("Échafaudage partagé", ownPage);

        await AssertSeenAsync(anonymous, [homePublic], [homeNetwork, lensPublic, lensNetwork, lensPartners]);
        await AssertSeenAsync(homeReader, [homePublic, homeNetwork], [lensPublic, lensNetwork, lensPartners]);

        // Lens shares its listings with the home network's public; the home network's facilitator (an admin) accepts.
        var proposed = await facilitator.PostFormAsync($"/reseaux/{Slug}/animation", $"/reseaux/{Slug}/animation?handler=Propose", new Dictionary<string, string>
        {
            ["PartnerNetworkId"] = home.ToString(), ["ShareListings"] = "true", ["ShareItems"] = "false", ["ShareEvents"] = "false",
            ["Direction"] = "topartner", ["Audience"] = "public",
        });
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var partnership = await app.WithDbAsync((db, _) => db.Partnerships.SingleAsync());
        Assert.Equal(PartnershipStatus.Proposed, partnership.Status);
        // The proposer cannot accept its own proposal.
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.PostFormAsync($"/reseaux/{Slug}/animation",
            $"/reseaux/{Slug}/animation?handler=Decide&id={partnership.Id}&accept=true", new Dictionary<string, string>())).StatusCode);
        await AssertSeenAsync(anonymous, [homePublic], [lensPublic]);
        var decided = await admin.PostFormAsync($"/reseaux/{Network.HomeSlug}/animation",
            $"/reseaux/{Network.HomeSlug}/animation?handler=Decide&id={partnership.Id}&accept=true", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.True(await app.WithDbAsync((db, _) => db.Set<ElBasar.Web.Features.Administration.Audit.AuditEntry>().AnyAsync(a => a.Action == NetworkFacilitation.PartnershipAccepted)));

        // The public offer of Lens now shows on the home network's pages, marked with its origin; the members-only one never does.
        await AssertSeenAsync(anonymous, [homePublic, lensPublic], [homeNetwork, lensNetwork, lensPartners]);
        await AssertSeenAsync(homeReader, [homePublic, homeNetwork, lensPublic, lensPartners], [lensNetwork]);
        Assert.Equal(HttpStatusCode.OK, (await lensMember.GetAsync($"/annonces/{lensNetwork.Id}")).StatusCode);
        // Shared from Lens to the home network only: the home network's listings stay off Lens's pages.
        Assert.DoesNotContain("Tonnelle", await TextAsync(anonymous, $"/reseaux/{Slug}"));

        // Only the home network's public listings leave the installation.
        // (A record that is not public is a bare "delete" line: its id and nothing else.)
        var upserts = (await anonymous.GetStringAsync("/api/v1/feed/listings")).Split('\n').Where(line => line.Contains("\"upsert\"")).ToList();
        Assert.Contains(upserts, line => line.Contains(homePublic.Id.ToString()));
        Assert.DoesNotContain(upserts, line => line.Contains(lensPublic.Id.ToString()) || line.Contains(lensNetwork.Id.ToString()));
        var atom = await anonymous.GetStringAsync("/annonces.atom");
        Assert.Contains(homePublic.Id.ToString(), atom);
        Assert.DoesNotContain(lensPublic.Id.ToString(), atom);
        Assert.DoesNotContain(lensNetwork.Id.ToString(), atom);

        // Ended by either side: the shared offer leaves the home network's pages.
        var ended = await facilitator.PostFormAsync($"/reseaux/{Slug}/animation", $"/reseaux/{Slug}/animation?handler=End&id={partnership.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        await AssertSeenAsync(anonymous, [homePublic], [lensPublic, lensNetwork, lensPartners]);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_network_answers_at_its_own_host_name_and_the_admin_form_explains_its_problems(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        var refused = await admin.SubmitAsync("/admin/reseaux", new Dictionary<string, string>
        {
            ["Fields.Name"] = "Réseau lensois", ["Fields.Slug"] = "Réseau Lens", ["Fields.PrimaryColour"] = "#ffff00",
            ["Fields.HostName"] = "pas un hôte", ["Fields.WidestVisibility"] = "everyone",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var text = Html.VisibleText(await refused.Content.ReadAsStringAsync());
        Assert.Contains("L'adresse courte s'écrit en minuscules", text);
        Assert.Contains("est trop claire", text);
        Assert.Contains("n'est pas un nom d'hôte", text);
        Assert.Contains("value=\"#ffff00\"", await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/reseaux", new Dictionary<string, string>
        {
            ["Fields.Name"] = "Réseau lensois", ["Fields.Slug"] = Slug, ["Fields.HostName"] = "lens.example.org", ["Fields.WidestVisibility"] = "partners",
        })).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "lens.example.org";
        var atHost = await app.Browser().SendAsync(request);
        Assert.Contains("Le marché social du réseau Réseau lensois", Html.VisibleText(await atHost.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("Réseau lensois", await TextAsync(app.Browser(), "/"));

        // The network allows at most its partners: a publisher asking for everyone is told so.
        var lens = await app.WithDbAsync((db, _) => db.Networks.SingleAsync(n => n.Slug == Slug));
        var organization = await new OrganizationBuilder().Named("Recyclerie lensoise").SaveAsync(app);
        var owner = await app.CreateAccountAsync("owner@example.org", SiteRoles.Member, "Sam Responsable");
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = owner.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = lens.Id, OrganizationId = organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var client = await app.SignedInAsync("owner@example.org");
        // Two networks: the header's switcher, a plain form.
        Assert.Contains("Réseau :", await TextAsync(client, "/espace"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/espace", "/reseau-courant", new Dictionary<string, string> { ["slug"] = Slug, ["returnUrl"] = "/espace" })).StatusCode);
        var fields = new Dictionary<string, string>
        {
            ["Input.OrganizationId"] = organization.Id.ToString(), ["Input.Kind"] = "offer", ["Input.Title"] = "Broyeur de végétaux",
            ["Input.Category"] = "equipment", ["Input.ExchangeModes"] = "loan", ["Input.Visibility"] = "everyone",
        };
        var tooWide = await client.SubmitAsync("/annonces/nouvelle", fields);
        Assert.Equal(HttpStatusCode.OK, tooWide.StatusCode);
        Assert.Contains("ouvre ses annonces au plus à ses réseaux partenaires", Html.VisibleText(await tooWide.Content.ReadAsStringAsync()));
        fields["Input.Visibility"] = "partners";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/annonces/nouvelle", fields)).StatusCode);
        var listing = await app.WithDbAsync((db, _) => db.Listings.SingleAsync());
        Assert.Equal((lens.Id, ListingVisibility.Partners), (listing.NetworkId, listing.Visibility));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/annonces/{listing.Id}")).StatusCode);
    }

    static async Task<string> TextAsync(HttpClient client, string path) => Html.VisibleText(await client.GetStringAsync(path));

    static async Task<Listing> ListingAsync(TestApp app, Organization organization, string title, Guid networkId, ListingVisibility visibility)
    {
        var listing = await new ListingBuilder(organization).Titled(title).SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Listings.Where(l => l.Id == listing.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.NetworkId, networkId).SetProperty(l => l.Visibility, visibility));
        });
        return listing;
    }

    /// <summary>Through every route that reads listings on the home network: its home page, the search page and API, the listing page and API, the organisation page.</summary>
    static async Task AssertSeenAsync(HttpClient client, Listing[] seen, Listing[] unseen)
    {
        var home = await TextAsync(client, "/");
        var search = await TextAsync(client, "/recherche");
        var api = await client.GetStringAsync("/api/v1/listings?pageSize=100");
        foreach (var l in seen)
        {
            Assert.Contains(l.Title, home);
            Assert.Contains(l.Title, search);
            Assert.Contains(l.Id.ToString(), api);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/annonces/{l.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/listings/{l.Id}")).StatusCode);
            Assert.Contains(l.Title, await TextAsync(client, $"/structures/{l.OrganizationId}"));
        }
        foreach (var l in unseen)
        {
            Assert.DoesNotContain(l.Title, home);
            Assert.DoesNotContain(l.Title, search);
            Assert.DoesNotContain(l.Id.ToString(), api);
            // A listing open to everyone is public on its own network's pages, its organisation's page among them.
            if (l.Visibility != ListingVisibility.Everyone)
            {
                Assert.DoesNotContain(l.Title, await TextAsync(client, $"/structures/{l.OrganizationId}"));
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/annonces/{l.Id}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/listings/{l.Id}")).StatusCode);
            }
        }
    }
}
