using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ElBasar.Tests.Features.Federation;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Federation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Alerts;

/// <summary>
/// Saved searches hear of the partner installations' listings that the federation sync brings, read
/// through the real <see cref="FederationJob"/> from a partner played by the test: once per search,
/// marked with their origin and linked to the original, under the same words and filters as local
/// listings; a listing withdrawn before a digest leaves is not in it; a partner offline holds back
/// no local alert.
/// </summary>
public sealed class RemoteAlertTests
{
    const string Partner = "ESS de l'Aisne";
    const string Origin = "Annonce du réseau partenaire ESS de l'Aisne";
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    // Saint-Quentin (Aisne).
    static string Line(string id, string title, string kind = "offer") => JsonSerializer.Serialize(new
    {
        op = "upsert", externalId = id, organizationExternalId = "org-1", organizationName = "Recyclerie du Pays", kind, title,
        description = "Prêt entre structures.", category = "equipment", exchangeModes = new[] { "loan" }, communeInsee = "02691",
        commune = "Saint-Quentin", latitude = 49.8465, longitude = 3.2876, createdAt = "2026-11-19T10:00:00Z", url = Url(id),
    });

    static string Delete(string id) => JsonSerializer.Serialize(new { op = "delete", externalId = id });

    static string Url(string id) => $"https://aisne.example.org/annonces/{id}";

    static (int, string, string?, string) Feed(string cursor, params string[] lines) =>
        (200, "application/x-ndjson", cursor, string.Join('\n', lines) + "\n");

    static async Task<FederationJob> FollowAsync(TestApp app, FakePartner partner)
    {
        await app.WithDbAsync((_, services) => services.GetRequiredService<Partners>().AddAsync(Partner, partner.BaseUrl, null, CancellationToken.None));
        return app.Services.GetRequiredService<FederationJob>();
    }

    /// <summary>Lets the partner be due again (<c>Federation:SyncMinutes</c> is 15) and reads it.</summary>
    static async Task SyncAgainAsync(TestApp app, FederationJob job)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(new FederationJob.Pass(1, 0), await job.RunOnceAsync());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_partner_listing_is_mailed_once_with_its_origin_and_link_and_only_to_the_searches_it_matches(string provider)
    {
        await using var partner = await FakePartner.StartAsync();
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        await camille.SaveAsync("Broyeurs", new { q = "broyeurs" });
        var near = await Alerting.PersonAsync(app, "gaelle@example.org", "Gaëlle Petit");
        await near.SaveAsync("Broyeurs près de Saint-Quentin", new { q = "broyeur", lat = 49.85, lon = 3.30, radiusKm = 20 });
        var otherWords = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        await otherWords.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var far = await Alerting.PersonAsync(app, "frederic@example.org", "Frédéric Leroy");
        await far.SaveAsync("Broyeurs autour de Lille", new { q = "broyeur", lat = 50.63, lon = 3.06, radiusKm = 10 });
        var demands = await Alerting.PersonAsync(app, "erin@example.org", "Erin Moreau");
        await demands.SaveAsync("Demandes de broyeur", new { q = "broyeur", kind = "demand" });
        var market = await Alerting.PersonAsync(app, "hugo@example.org", "Hugo Bernard");
        await market.SaveAsync("Broyeurs à vendre", new { q = "broyeur", market = true });

        partner.Answer = _ => Feed("0.1", Line("a1", "Broyeur de branches"));
        var job = await FollowAsync(app, partner);
        Assert.Equal(new FederationJob.Pass(1, 0), await job.RunOnceAsync());
        // Two workers at once, then again: each match recorded and mailed once.
        var other = ActivatorUtilities.CreateInstance<AlertJob>(app.Services);
        var passes = await Task.WhenAll(app.RunWorkerAsync(), other.RunOnceAsync());
        await app.RunWorkerAsync();
        await other.RunOnceAsync();

        Assert.Equal(2, passes.Sum(p => p.Mails));
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.SavedSearchRemoteMatches.CountAsync()));
        var mail = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("Alerte « Broyeurs » : 1 nouvelle annonce", mail.Subject);
        Assert.Contains("Offre : Broyeur de branches", mail.TextBody);
        Assert.Contains(Origin, mail.TextBody);
        Assert.Contains("Saint-Quentin, Recyclerie du Pays", mail.TextBody);
        Assert.Contains(Url("a1"), mail.TextBody);
        Assert.Contains($"<a href=\"{Url("a1")}\">Broyeur de branches</a>", mail.HtmlBody);
        Assert.Contains($"<strong>{Origin}", WebUtility.HtmlDecode(mail.HtmlBody));
        Assert.DoesNotContain($"{Alerting.BaseUrl}/annonces/", mail.TextBody);
        Assert.Single(await app.MailsToAsync(near.Email));
        foreach (var nobody in new[] { otherWords, far, demands, market })
            Assert.Empty(await app.MailsToAsync(nobody.Email));

        // Changed at the source, then withdrawn and published again: the same listing, never mailed twice.
        partner.Answer = _ => Feed("0.2", Line("a1", "Broyeur de branches thermique"));
        await SyncAgainAsync(app, job);
        await app.RunWorkerAsync();
        partner.Answer = _ => Feed("0.3", Delete("a1"));
        await SyncAgainAsync(app, job);
        await app.RunWorkerAsync();
        partner.Answer = _ => Feed("0.4", Line("a1", "Broyeur de branches"));
        await SyncAgainAsync(app, job);
        Assert.Equal(0, (await app.RunWorkerAsync()).Mails);
        Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Single(await app.MailsToAsync(near.Email));
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.SavedSearchRemoteMatches.CountAsync()));

        // A new listing of the partner is news again.
        partner.Answer = _ => Feed("0.5", Line("a2", "Broyeur de végétaux"));
        await SyncAgainAsync(app, job);
        await app.RunWorkerAsync();
        var mails = await app.MailsToAsync(camille.Email);
        Assert.Equal(2, mails.Count);
        Assert.Contains(Url("a2"), mails[1].TextBody);
        Assert.DoesNotContain(Url("a1"), mails[1].TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_digest_leaves_out_a_partner_listing_withdrawn_before_it_goes_and_an_offline_partner_holds_back_no_local_alert(string provider)
    {
        await using var partner = await FakePartner.StartAsync();
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Broyeurs chaque jour", new { q = "broyeur" }, "daily");
        var org = await new OrganizationBuilder().SaveAsync(app);

        partner.Answer = _ => Feed("0.1", Line("a1", "Broyeur de branches"), Line("a2", "Broyeur de végétaux"));
        var job = await FollowAsync(app, partner);
        Assert.Equal(new FederationJob.Pass(1, 0), await job.RunOnceAsync());
        var local = await new ListingBuilder(org).Titled("Broyeur électrique à prêter").SaveAsync(app);
        Assert.Equal(3, (await app.RunWorkerAsync()).Matches);
        partner.Answer = _ => Feed("0.2", Delete("a1"));
        await SyncAgainAsync(app, job);
        await app.RunWorkerAsync();
        Assert.Empty(await app.MailsToAsync(camille.Email));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.RunWorkerAsync();

        var digest = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("Votre alerte du jour « Broyeurs chaque jour » : 2 nouvelles annonces", digest.Subject);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{local.Id}", digest.TextBody);
        Assert.Contains(Url("a2"), digest.TextBody);
        Assert.Contains(Origin, digest.TextBody);
        Assert.DoesNotContain(Url("a1"), digest.TextBody);
        Assert.DoesNotContain("Broyeur de branches", digest.HtmlBody);

        // The search's feed has the partner's listing too, with its origin and the original's link.
        var feed = XDocument.Parse(await app.Browser().GetStringAsync(new Uri(saved.FeedUrl).PathAndQuery));
        var entries = feed.Root!.Elements(Atom + "entry").ToDictionary(e => e.Element(Atom + "title")!.Value);
        Assert.Equal(["Offre : Broyeur de végétaux", "Offre : Broyeur électrique à prêter"], entries.Keys.Order());
        var remote = entries["Offre : Broyeur de végétaux"];
        Assert.Equal(Url("a2"), remote.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Equal($"{Origin} : Saint-Quentin, Recyclerie du Pays", remote.Element(Atom + "summary")!.Value);

        // The partner goes offline: its read fails, local alerts leave as before.
        await partner.DisposeAsync();
        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        await dominique.SaveAsync("Tonnelles", new { q = "tonnelle" });
        await new ListingBuilder(org).Titled("Tonnelle 3x3 à prêter").SaveAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(new FederationJob.Pass(1, 1), await job.RunOnceAsync());
        Assert.Equal(1, (await app.RunWorkerAsync()).Mails);
        Assert.Contains("Tonnelle 3x3 à prêter", Assert.Single(await app.MailsToAsync(dominique.Email)).TextBody);
    }
}
