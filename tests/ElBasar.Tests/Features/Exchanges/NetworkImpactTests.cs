using System.Net;
using System.Text;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ElBasar.Tests.Features.Exchanges.ImpactTests;
using Network = ElBasar.Web.Features.Directory.Network;

namespace ElBasar.Tests.Features.Exchanges;

/// <summary>
/// Three networks on one installation: the home one (Lille, Roubaix), Lens (Arras) in a partnership with it, Douai
/// (Douai) alone; Béthune is a member of both the home network and Lens, Amiens of none. Five confirmed exchanges:
/// Lille–Roubaix (home), Lille–Arras (home and Lens), Arras–Amiens (Lens), Béthune–Amiens (home and Lens, through one
/// organisation), Douai–Amiens (Douai).
/// </summary>
public sealed class NetworkImpactTests
{
    const string Lens = "reseau-lensois", Douai = "reseau-douaisien";

    sealed record Installation(Dictionary<string, Guid> Exchanges, Guid LensId, Guid HomeId);

    static async Task<Installation> BuildAsync(TestApp app)
    {
        var home = await app.HomeNetworkIdAsync();
        var lens = new Network { Name = "Réseau lensois", Slug = Lens, CreatedAt = FakeClock.Default.UtcDateTime };
        var douai = new Network { Name = "Réseau douaisien", Slug = Douai, CreatedAt = FakeClock.Default.UtcDateTime };
        await app.WithDbAsync(async db =>
        {
            db.Networks.AddRange(lens, douai);
            db.Partnerships.Add(new Partnership
            {
                ProposerNetworkId = lens.Id, PartnerNetworkId = home, SharesListings = true, Direction = PartnershipDirection.Both,
                Audience = PartnershipAudience.Public, Status = PartnershipStatus.Active, ProposedAt = FakeClock.Default.UtcDateTime,
            });
            // Douai's partnership with Lens ended: it no longer counts.
            db.Partnerships.Add(new Partnership
            {
                ProposerNetworkId = douai.Id, PartnerNetworkId = lens.Id, SharesListings = true, Direction = PartnershipDirection.Both,
                Audience = PartnershipAudience.Public, Status = PartnershipStatus.Ended, ProposedAt = FakeClock.Default.UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        var lille = await PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var roubaix = await PartyAsync(app, "Coopérative de Roubaix", "scop", "59512", "Roubaix", 50.6942, 3.1746);
        var bethune = await PartyAsync(app, "Recyclerie de Béthune", "association", "62119", "Béthune", 50.5303, 2.6408);
        var arras = await PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775, member: false);
        var douaiParty = await PartyAsync(app, "Jardin de Douai", "association", "59178", "Douai", 50.3714, 3.0800, member: false);
        var amiens = await PartyAsync(app, "SCIC Amiénoise", "scic", "80021", "Amiens", 49.8942, 2.2957, member: false);
        await app.WithDbAsync(async db =>
        {
            db.NetworkMemberships.AddRange(
                new NetworkMembership { NetworkId = lens.Id, OrganizationId = arras.Organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime },
                new NetworkMembership { NetworkId = lens.Id, OrganizationId = bethune.Organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime },
                new NetworkMembership { NetworkId = douai.Id, OrganizationId = douaiParty.Organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime },
                // Asked to join Lens, not accepted yet: not a member there.
                new NetworkMembership { NetworkId = lens.Id, OrganizationId = amiens.Organization.Id, IsMember = false, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var ids = new Dictionary<string, Guid>
        {
            ["home"] = await DeclareAsync(app, lille, roubaix, "sale", "2026-01-15", "Vente de chaises", amount: "100", confirm: true),
            ["home-lens"] = await DeclareAsync(app, lille, arras, "sale", "2026-02-10", "Vente d'un vélo", amount: "20", confirm: true),
            ["lens"] = await DeclareAsync(app, arras, amiens, "sale", "2026-02-20", "Vente de livres", amount: "3", confirm: true),
            ["both"] = await DeclareAsync(app, bethune, amiens, "help", "2026-03-05", "Coup de main", hours: "2", confirm: true),
            ["douai"] = await DeclareAsync(app, douaiParty, amiens, "sale", "2026-03-06", "Vente de semences", amount: "7", confirm: true),
            ["declared"] = await DeclareAsync(app, lille, arras, "sale", "2026-03-07", "Pas encore confirmé", amount: "1000"),
        };
        return new Installation(ids, lens.Id, home);
    }

    static async Task<ImpactFigures> FiguresAsync(TestApp app, string? slug, bool withPartners)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<ImpactScopes>();
        var network = slug is null ? null : (await scopes.NetworksAsync(default)).Single(n => n.Slug == slug);
        var impactScope = network is null ? ImpactScope.Installation : await scopes.OfAsync(network, withPartners, default);
        return await scope.ServiceProvider.GetRequiredService<ImpactReport>()
            .ComputeAsync(new ImpactPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), impactScope, default);
    }

    [SkippableTheory, BothDatabases]
    public async Task Each_network_counts_the_exchanges_of_its_members_and_with_partners_each_exchange_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);

        var whole = await FiguresAsync(app, null, false);
        // Members of any network, Béthune once; Amiens is a member of none.
        Assert.Equal((5, 130m, 2m, 5), (whole.Exchanges, whole.MarketAmountEur, whole.NonMarketHours, whole.Members));

        // Béthune is in both the home network and Lens: its exchange counts in each, once.
        var home = await FiguresAsync(app, Network.HomeSlug, false);
        Assert.Equal((3, 120m, 2m), (home.Exchanges, home.MarketAmountEur, home.NonMarketHours));
        Assert.Equal((3, 3, 5), (home.Members, home.MembersActive, home.OrganizationsInvolved));
        Assert.Equal(3, home.DistinctPairs);
        Assert.Equal(3, home.ByMonth.Sum(m => m.Exchanges));

        var lens = await FiguresAsync(app, Lens, false);
        Assert.Equal((3, 23m, 2m), (lens.Exchanges, lens.MarketAmountEur, lens.NonMarketHours));
        Assert.Equal((2, 2), (lens.Members, lens.MembersActive));

        // Home and Lens together: Lille–Arras and Béthune–Amiens are in both, yet counted once (4, not 6).
        var homeAndPartners = await FiguresAsync(app, Network.HomeSlug, true);
        Assert.Equal((4, 123m, 2m), (homeAndPartners.Exchanges, homeAndPartners.MarketAmountEur, homeAndPartners.NonMarketHours));
        Assert.Equal(4, homeAndPartners.Members);
        Assert.Equal(4, homeAndPartners.ByMode.Sum(m => m.Exchanges));
        Assert.Equal(4, (await FiguresAsync(app, Lens, true)).Exchanges);

        // Douai's only partnership ended: with partners or not, its own exchange alone.
        Assert.Equal(1, (await FiguresAsync(app, Douai, false)).Exchanges);
        Assert.Equal(1, (await FiguresAsync(app, Douai, true)).Exchanges);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_public_page_chooses_a_network_with_a_plain_form(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);
        var anonymous = app.Browser();
        const string Period = "/impact?from=2026-01-01&to=2026-03-31";

        var html = await anonymous.GetStringAsync($"{Period}&reseau={Lens}&partenaires=oui");
        Assert.Contains("<select id=\"impact-network\" name=\"reseau\">", html);
        Assert.Contains($"<option value=\"{Lens}\" selected=\"selected\">", html);
        var text = Html.VisibleText(html);
        Assert.Contains("Chiffres du réseau Réseau lensois et de ses partenaires (", text);
        Assert.Contains("4 échanges", text);

        Assert.Contains("3 échanges", Html.VisibleText(await anonymous.GetStringAsync($"{Period}&reseau={Lens}")));
        Assert.Contains("5 échanges", Html.VisibleText(await anonymous.GetStringAsync($"{Period}&reseau=")));
        // Someone outside any network sees the network the request is in by default: the home one.
        Assert.Contains("3 échanges", Html.VisibleText(await anonymous.GetStringAsync(Period)));
        // The admin sees the whole installation by default.
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        Assert.Contains("5 échanges", Html.VisibleText(await admin.GetStringAsync(Period)));

        var unknown = Html.VisibleText(await anonymous.GetStringAsync($"{Period}&reseau=nulle-part"));
        Assert.Contains("Ce réseau n'existe pas", unknown);
        Assert.Contains("3 échanges", unknown);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_network_facilitator_sees_and_exports_its_network_and_never_another(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var installation = await BuildAsync(app);
        var lensFacilitator = await app.CreateAccountAsync("lens@example.org", SiteRoles.Member, "Lou Animatrice");
        await app.WithDbAsync(async db =>
        {
            db.NetworkFacilitators.Add(new NetworkFacilitator { NetworkId = installation.LensId, UserId = lensFacilitator.Id, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var lens = await app.SignedInAsync("lens@example.org");
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        const string Period = "from=2026-01-01&to=2026-03-31";
        var ids = installation.Exchanges;

        // Its own network by default, on the dashboard and in the exports.
        var dashboard = Html.VisibleText(await lens.GetStringAsync($"/animation/impact?{Period}"));
        Assert.Contains("Chiffres du réseau Réseau lensois", dashboard);
        Assert.Contains("Ressourcerie d'Arras", dashboard);
        Assert.DoesNotContain("Coopérative de Roubaix", dashboard);
        Assert.Equal([ids["home-lens"], ids["lens"], ids["both"]], await ExportedAsync(lens, $"/animation/impact/echanges.csv?{Period}"));
        Assert.Equal([ids["home-lens"], ids["lens"], ids["both"]], await ExportedAsync(lens, $"/animation/impact/echanges.csv?{Period}&reseau={Lens}"));
        Assert.Equal(["Recyclerie de Béthune", "Ressourcerie d'Arras"], await MembersAsync(lens, $"/animation/impact/membres.csv?{Period}&reseau={Lens}"));
        var named = await lens.GetAsync($"/animation/impact/echanges.csv?{Period}&reseau={Lens}");
        Assert.Contains($"echanges-{Lens}-2026-01-01-2026-03-31.csv", named.Content.Headers.ContentDisposition?.ToString());

        // Another network, the home one with its partners, or the whole installation: not for Lens's facilitator.
        foreach (var query in new[] { $"reseau={Network.HomeSlug}", $"reseau={Douai}", $"reseau={Lens}&partenaires=oui", "reseau=" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync($"/animation/impact/echanges.csv?{Period}&{query}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await lens.GetAsync($"/animation/impact/membres.csv?{Period}&{query}")).StatusCode);
        }
        var refused = Html.VisibleText(await lens.GetStringAsync($"/animation/impact?{Period}&reseau={Network.HomeSlug}"));
        Assert.Contains("Vous n'animez pas ce réseau", refused);
        Assert.DoesNotContain("Coopérative de Roubaix", refused);
        Assert.Contains("réservé à qui les anime aussi", Html.VisibleText(await lens.GetStringAsync($"/animation/impact?{Period}&reseau={Lens}&partenaires=oui")));

        // The admin exports any network's, the partners' once each, and the whole installation's.
        Assert.Equal([ids["home"], ids["home-lens"], ids["both"]], await ExportedAsync(admin, $"/animation/impact/echanges.csv?{Period}&reseau={Network.HomeSlug}"));
        Assert.Equal([ids["home"], ids["home-lens"], ids["lens"], ids["both"]],
            await ExportedAsync(admin, $"/animation/impact/echanges.csv?{Period}&reseau={Network.HomeSlug}&partenaires=oui"));
        Assert.Equal([ids["douai"]], await ExportedAsync(admin, $"/animation/impact/echanges.csv?{Period}&reseau={Douai}"));
        Assert.Equal(5, (await ExportedAsync(admin, $"/animation/impact/echanges.csv?{Period}")).Count);
        Assert.Equal(["Jardin de Douai"], await MembersAsync(admin, $"/animation/impact/membres.csv?{Period}&reseau={Douai}"));
        Assert.Equal(5, (await MembersAsync(admin, $"/animation/impact/membres.csv?{Period}&reseau=")).Count);
        var bad = await admin.GetAsync($"/animation/impact/echanges.csv?{Period}&reseau=nulle-part");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Ce réseau n'existe pas", await bad.Content.ReadAsStringAsync());

        // A member who runs no network gets no export at all.
        var (member, _) = await SignedIn.PersonAsync(app, "membre@exemple.org");
        var forbidden = await member.GetAsync($"/animation/impact/echanges.csv?{Period}&reseau={Lens}");
        Assert.True(forbidden.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{forbidden.StatusCode}");
    }

    static async Task<List<Guid>> ExportedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Csv.Parse(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        return rows.Skip(1).Select(r => Guid.Parse(r[0])).ToList();
    }

    static async Task<List<string>> MembersAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Csv.Parse(Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]));
        return rows.Skip(1).Select(r => r[1]).ToList();
    }
}
