using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Events;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Newsletter;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Newsletter;

public sealed class DigestTests
{
    static readonly DateTime November = new(2026, 11, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>November 2026: two listings of the month, one of October, a member who joined in November with her first offer, a December apéro.</summary>
    static async Task<(Guid Kept, Guid Left, Guid Old, Guid Joined, Guid Apero)> SeedNovemberAsync(TestApp app, HttpClient facilitator)
    {
        var lille = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var kept = await new ListingBuilder(lille).Titled("Tonnelle 3x3 à prêter").InCategory("equipment").SaveAsync(app);
        var left = await new ListingBuilder(lille).Titled("Cherche bénévoles").Demand().SaveAsync(app);
        var old = await new ListingBuilder(lille).Titled("Annonce d'octobre").SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Les Jardins d'Arras").In("62041", "Arras", 50.29, 2.78).SaveAsync(app);
        var first = await new ListingBuilder(arras).Titled("Paniers de légumes bio").InCategory("food").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            foreach (var (id, at) in new[] { (kept.Id, November), (left.Id, November.AddDays(2)), (old.Id, new DateTime(2026, 10, 20, 0, 0, 0, DateTimeKind.Utc)), (first.Id, November.AddDays(5)) })
                await db.Listings.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedAt, at));
            // Since 31 October 23:30 UTC, which is 1 November in Paris.
            await db.NetworkMemberships.Where(m => m.OrganizationId == arras.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Since, new DateTime(2026, 10, 31, 23, 30, 0, DateTimeKind.Utc)));
            await db.NetworkMemberships.Where(m => m.OrganizationId == lille.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Since, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        });
        var apero = await Eventing.AnnounceAsync(facilitator, Eventing.Aperitif(capacity: 30));
        return (kept.Id, left.Id, old.Id, arras.Id, apero.Id);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_digest_of_a_known_month_has_its_listings_by_category_new_members_with_first_offers_and_next_events(string provider)
    {
        await using var app = await Newslettering.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var (kept, left, old, joined, apero) = await SeedNovemberAsync(app, facilitator);

        var preview = await facilitator.GetFromJsonAsync<JsonElement>("/api/v1/newsletter/preview?month=2026-11");
        var listings = preview.GetProperty("listings").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(kept, listings);
        Assert.Contains(left, listings);
        Assert.DoesNotContain(old, listings);
        var member = Assert.Single(preview.GetProperty("newMembers").EnumerateArray());
        Assert.Equal(joined, member.GetProperty("id").GetGuid());
        Assert.Equal("Paniers de légumes bio", Assert.Single(member.GetProperty("firstOffers").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(apero, Assert.Single(preview.GetProperty("events").EnumerateArray()).GetProperty("id").GetGuid());
        var html = WebUtility.HtmlDecode(preview.GetProperty("html").GetString()!);
        Assert.Contains("La lettre du réseau, novembre 2026", html);
        Assert.Contains("<h3>Matériel", html);
        Assert.Contains($"{Newslettering.BaseUrl}/annonces/{kept}", html);
        Assert.Contains("Lille, Atelier Roue Libre", html);

        // Facilitators only; a bad month names the parameter.
        Assert.Equal(HttpStatusCode.BadRequest, (await facilitator.GetAsync("/api/v1/newsletter/preview?month=2026-13")).StatusCode);
        var member2 = await app.SignedInAsync("membre@example.org", SiteRoles.Member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member2.GetAsync("/api/v1/newsletter/preview?month=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/newsletter/preview?month=2026-11")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_facilitator_composes_previews_tests_and_sends_the_digest_once_to_each_subscriber(string provider)
    {
        await using var app = await Newslettering.StartAsync(provider);
        var facilitator = await Eventing.FacilitatorAsync(app);
        var (kept, left, _, _, _) = await SeedNovemberAsync(app, facilitator);
        await app.CreateAccountAsync("camille@example.org", SiteRoles.Member, "Camille Martin");
        await app.CreateAccountAsync("sans-lettre@example.org", SiteRoles.Member, "Sans Lettre");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Set<User>().SingleAsync(u => u.Email == "sans-lettre@example.org");
            var home = await db.Networks.Where(n => n.IsHome).Select(n => n.Id).SingleAsync();
            db.Add(new Subscriber { NetworkId = home, Email = "sans-lettre@example.org", UserId = user.Id, Status = SubscriberStatus.Unsubscribed, Secret = "s", CreatedAt = FakeClock.Default.UtcDateTime });
            db.Add(new Subscriber { NetworkId = home, Email = "pas-confirme@example.org", Status = SubscriberStatus.Pending, Secret = "p", CreatedAt = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        await app.AddSubscribersAsync(3);
        const string page = "/animation/lettre/2026-11";
        var fields = new Dictionary<string, string>
        {
            ["Subject"] = "La lettre de novembre",
            ["Editorial"] = "Bonjour à **toutes et tous** ! <img src=x onerror=alert(1)>",
            ["Included"] = kept.ToString(),   // the demand is left out
        };

        // The form's buttons post to the page's own address, as a browser sends them.
        var form = await facilitator.GetStringAsync(page);
        foreach (var handler in new[] { "Save", "Test", "Schedule", "Send" })
            Assert.Contains($"formaction=\"{page}?handler={handler}\"", form);
        var saved = await facilitator.PostFormAsync(page, page + "?handler=Save", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var preview = await facilitator.GetStringAsync(page);
        Assert.Contains("<strong>toutes et tous</strong>", preview);
        Assert.DoesNotContain("<img src=x", preview);
        Assert.Contains("Tonnelle 3x3 à prêter", Html.VisibleText(preview[preview.IndexOf("Aperçu de la lettre", StringComparison.Ordinal)..]));
        Assert.DoesNotContain("Cherche bénévoles", Html.VisibleText(preview[preview.IndexOf("Aperçu de la lettre", StringComparison.Ordinal)..]));

        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(page, page + "?handler=Test", fields)).StatusCode);
        var test = Assert.Single(await app.MailsToAsync("animation@example.org"));
        Assert.Equal("[Test] La lettre de novembre", test.Subject);
        Assert.Empty(await app.CopiesAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync(page, page + "?handler=Send", fields)).StatusCode);
        // Facilitator, Camille, three public readers: not the one who opted out, not the unconfirmed one.
        Assert.Equal(5, await app.RunSenderAsync());
        Assert.Equal(0, await app.RunSenderAsync());
        var copies = await app.CopiesAsync();
        Assert.Equal(["animation@example.org", "camille@example.org", "lecteur0@example.org", "lecteur1@example.org", "lecteur2@example.org"],
            copies.Select(c => c.ToAddress).Order());
        var camille = (await app.LettersAsync()).Single(c => c.To.Address == "camille@example.org");
        Assert.Equal("La lettre de novembre", camille.Subject);
        Assert.DoesNotContain("Cherche bénévoles", camille.TextBody);
        Assert.Contains("Paniers de légumes bio", camille.TextBody);
        Assert.StartsWith($"<{Newslettering.BaseUrl}/lettre/desabonner/", camille.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", camille.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain(DigestComposer.UnsubscribePlaceholder, camille.HtmlBody);

        var progress = Html.VisibleText(await facilitator.GetStringAsync(page));
        Assert.Contains("Envoyée : 5 sur 5 exemplaires dans la file d'envoi, 0 partis", progress);
        // Sent is sent: a second click sends nothing.
        Assert.Contains("déjà partie", Html.VisibleText(await (await facilitator.PostFormAsync("/animation/lettre", page + "?handler=Send", fields)).Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.RunSenderAsync());

        var archive = Html.VisibleText(await app.CreateClient().GetStringAsync("/lettre/2026-11"));
        Assert.Contains("La lettre de novembre", archive);
        Assert.Contains("Tonnelle 3x3 à prêter", archive);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/lettre/2026-10")).StatusCode);
        // A member is turned away from the composing page (the site's access-denied redirect).
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAsync("camille@example.org")).GetAsync(page)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_public_subscribes_with_a_double_opt_in_and_leaves_in_one_click(string provider)
    {
        await using var app = await Newslettering.StartAsync(provider);
        var visitor = app.Browser();
        var asked = await visitor.PostFormAsync("/lettre", "/lettre?handler=Subscribe", new Dictionary<string, string> { ["Email"] = "Lecteur@Example.org", ["Name"] = "Lou Lecteur" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var confirmation = Assert.Single(await app.MailsToAsync("lecteur@example.org"));
        var link = System.Text.RegularExpressions.Regex.Match(confirmation.TextBody, @"https://elbasar\.example\.org(/lettre/confirmer/\S+)").Groups[1].Value;
        Assert.Equal(SubscriberStatus.Pending, await app.WithDbAsync((db, _) => db.Set<Subscriber>().Select(s => s.Status).SingleAsync()));

        // Opening the link asks; the button confirms.
        Assert.Contains("Recevoir la lettre du réseau à l'adresse lecteur@example.org", Html.VisibleText(await visitor.GetStringAsync(link)));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(link[..^3] + "xyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(link, null)).StatusCode);
        Assert.Equal(SubscriberStatus.Active, await app.WithDbAsync((db, _) => db.Set<Subscriber>().Select(s => s.Status).SingleAsync()));

        // A mail program's one-click POST (RFC 8058): no cookie, no antiforgery token.
        var subscriber = await app.WithDbAsync((db, _) => db.Set<Subscriber>().SingleAsync());
        var unsubscribe = $"/lettre/desabonner/{subscriber.Id}?signature={NewsletterLinks.Sign(subscriber, "unsubscribe")}";
        var forged = $"/lettre/desabonner/{subscriber.Id}?signature={NewsletterLinks.Sign(subscriber, "confirm")}";
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync(forged, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).StatusCode);
        var done = await app.CreateClient().PostAsync(unsubscribe, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, await app.WithDbAsync((db, _) => db.Set<Subscriber>().Select(s => s.Status).SingleAsync()));

        // A member opts out from the page, and back in.
        var member = await app.SignedInAsync("camille@example.org", SiteRoles.Member);
        Assert.Contains("Votre compte reçoit la lettre", Html.VisibleText(await member.GetStringAsync("/lettre")));
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync("/lettre", "/lettre?handler=Choice", new Dictionary<string, string> { ["receive"] = "false" })).StatusCode);
        Assert.Contains("Votre compte ne reçoit pas la lettre", Html.VisibleText(await member.GetStringAsync("/lettre")));
    }
}
