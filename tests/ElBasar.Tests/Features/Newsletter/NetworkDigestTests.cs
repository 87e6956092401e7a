using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Newsletter;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Newsletter;

/// <summary>
/// Each network's own digest: composed and sent by its facilitators, with the listings its public
/// sees (its own open to everyone, and those a partner shares towards its public), to its own
/// subscribers and its member organisations' accounts; its own archive.
/// </summary>
public sealed class NetworkDigestTests
{
    const string Lens = "reseau-lensois";

    [SkippableTheory, BothDatabases]
    public async Task A_network_composes_and_sends_its_own_digest_to_its_own_subscribers_and_nothing_leaks(string provider)
    {
        await using var app = await Newslettering.StartAsync(provider);
        var home = await app.HomeNetworkIdAsync();
        var lens = new Network { Slug = Lens, Name = "Réseau lensois", CreatedAt = FakeClock.Default.UtcDateTime };
        var lille = await new OrganizationBuilder().Named("Atelier lillois").SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Recyclerie d'Arras").NotMember().SaveAsync(app);
        var facilitatorAccount = await app.CreateAccountAsync("lou@example.org", SiteRoles.Member, "Lou Animatrice");
        var lensMember = await app.CreateAccountAsync("bao@example.org", SiteRoles.Member, "Bao Béthunois");
        var homeMember = await app.CreateAccountAsync("lina@example.org", SiteRoles.Member, "Lina Lilloise");
        await app.WithDbAsync(async db =>
        {
            db.Networks.Add(lens);
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = lens.Id, OrganizationId = arras.Id, IsMember = true, Since = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            db.NetworkFacilitators.Add(new NetworkFacilitator { NetworkId = lens.Id, UserId = facilitatorAccount.Id, Since = FakeClock.Default.UtcDateTime });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = arras.Id, UserId = lensMember.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = lille.Id, UserId = homeMember.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            // Lens shares its listings with the home network's public, one way.
            db.Partnerships.Add(new Partnership
            {
                ProposerNetworkId = lens.Id, PartnerNetworkId = home, SharesListings = true, Direction = PartnershipDirection.ToPartner,
                Audience = PartnershipAudience.Public, Status = PartnershipStatus.Active, ProposedAt = FakeClock.Default.UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        var tonnelle = await ListingAsync(app, lille, "Tonnelle de Lille", home, ListingVisibility.Everyone);
        var perceuse = await ListingAsync(app, lille, "Perceuse réservée", home, ListingVisibility.Network);
        var broyeur = await ListingAsync(app, arras, "Broyeur lensois", lens.Id, ListingVisibility.Everyone);
        var betonniere = await ListingAsync(app, arras, "Bétonnière lensoise", lens.Id, ListingVisibility.Network);
        var echafaudage = await ListingAsync(app, arras, "Échafaudage partagé", lens.Id, ListingVisibility.Partners);
        await app.AddSubscribersAsync(2, "lecteur-lillois", home);
        var facilitator = await app.SignedInAsync("lou@example.org");

        // Lens's facilitator (not a site facilitator) runs Lens's digest, and only Lens's.
        const string page = $"/reseaux/{Lens}/animation/lettre/2026-11";
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync($"/reseaux/{Lens}/animation/lettre")).StatusCode);
        var refused = await facilitator.GetAsync("/animation/lettre/2026-11");
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("403") == true, refused.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("bao@example.org")).GetAsync(page)).StatusCode);
        var draft = Html.VisibleText(await facilitator.GetStringAsync(page));
        Assert.Contains("La lettre du réseau Réseau lensois, novembre 2026", draft);
        Assert.Contains("Broyeur lensois", draft);
        foreach (var hidden in new[] { betonniere, echafaudage, tonnelle, perceuse }) Assert.DoesNotContain(hidden.Title, draft);

        // The home network's digest tells Lens's public offer, marked, and nothing kept to members.
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        var preview = await admin.GetFromJsonAsync<JsonElement>("/api/v1/newsletter/preview?month=2026-11");
        var listed = preview.GetProperty("listings").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(new[] { tonnelle.Id, broyeur.Id }.Order(), listed.Order());
        var html = WebUtility.HtmlDecode(preview.GetProperty("html").GetString()!);
        Assert.Contains("Recyclerie d'Arras (partagée par le réseau Réseau lensois)", html);
        Assert.DoesNotContain("Atelier lillois (partagée", html);
        var lensPreview = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/newsletter/preview?month=2026-11&network={Lens}");
        Assert.Equal([broyeur.Id], lensPreview.GetProperty("listings").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/newsletter/preview?month=2026-11&network=nulle-part")).StatusCode);

        // An account of the home network alone is offered Lens's public subscription, not a member's choice.
        var homeReader = await app.SignedInAsync("lina@example.org");
        var lensPage = Html.VisibleText(await homeReader.GetStringAsync($"/reseaux/{Lens}/lettre"));
        Assert.Contains("La lettre du réseau Réseau lensois", lensPage);
        Assert.DoesNotContain("Votre compte reçoit la lettre", lensPage);
        Assert.Contains("Votre compte reçoit la lettre", Html.VisibleText(await homeReader.GetStringAsync("/lettre")));

        // Someone of the public subscribes to Lens's digest, on Lens's page.
        var visitor = app.Browser();
        var asked = await visitor.PostFormAsync($"/reseaux/{Lens}/lettre", $"/reseaux/{Lens}/lettre?handler=Subscribe", new Dictionary<string, string> { ["Email"] = "voisin@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var confirmation = Assert.Single(await app.MailsToAsync("voisin@example.org"));
        Assert.Contains("la lettre du réseau Réseau lensois", confirmation.TextBody);
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody, @"https://elbasar\.example\.org(/lettre/confirmer/\S+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(link, null)).StatusCode);
        Assert.Equal(lens.Id, await app.WithDbAsync((db, _) => db.Set<Subscriber>().Where(s => s.Email == "voisin@example.org").Select(s => s.NetworkId).SingleAsync()));

        var sent = await facilitator.PostFormAsync(page, page + "?handler=Send", new Dictionary<string, string>
        {
            ["Subject"] = "La lettre lensoise de novembre", ["Editorial"] = "", ["Included"] = broyeur.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"{page}?fait=envoi", sent.Headers.Location?.OriginalString);
        await app.RunSenderAsync();

        // Lens's copies go to Lens's subscriber and Lens's member accounts; nobody of the home network alone gets one.
        var copies = (await app.CopiesAsync()).Select(c => c.ToAddress).Order().ToList();
        Assert.Equal(new[] { "bao@example.org", "voisin@example.org" }, copies);
        var copy = (await app.LettersAsync()).Single(c => c.To.Address == "bao@example.org");
        Assert.Contains("Broyeur lensois", copy.TextBody);
        Assert.Contains($"{Newslettering.BaseUrl}/reseaux/{Lens}/lettre\">Les lettres précédentes", copy.HtmlBody);

        // Its archive is Lens's: the home network's archive knows nothing of it.
        Assert.Contains("Broyeur lensois", Html.VisibleText(await visitor.GetStringAsync($"/reseaux/{Lens}/lettre/2026-11")));
        Assert.Contains("La lettre lensoise de novembre", Html.VisibleText(await visitor.GetStringAsync($"/reseaux/{Lens}/lettre")));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/lettre/2026-11")).StatusCode);
        Assert.DoesNotContain("La lettre lensoise", Html.VisibleText(await visitor.GetStringAsync("/lettre")));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/reseaux/nulle-part/lettre")).StatusCode);
    }

    static async Task<Listing> ListingAsync(TestApp app, Organization organization, string title, Guid networkId, ListingVisibility visibility)
    {
        var listing = await new ListingBuilder(organization).Titled(title).SaveAsync(app);
        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.NetworkId, networkId).SetProperty(l => l.Visibility, visibility)));
        return listing;
    }
}
