using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Moderation;

public sealed class ModerationTests
{
    static Task<HttpResponseMessage> ReportAsync(HttpClient client, string path, string reason, string details = "") =>
        client.SubmitAsync($"{path}/signaler", new Dictionary<string, string> { ["Input.Reason"] = reason, ["Input.Details"] = details });

    static Task<HttpResponseMessage> DecideAsync(HttpClient client, string managePath, string handler, string reason = "") =>
        client.PostFormAsync(managePath, $"{managePath}?handler={handler}", new Dictionary<string, string> { ["Input.Reason"] = reason });

    static Task<HttpClient> FacilitatorAsync(TestApp app) => SignInAsync(app, "animation@example.org", SiteRoles.Facilitator, "Dominique Animation");

    static async Task<HttpClient> SignInAsync(TestApp app, string email, string role, string name)
    {
        await app.CreateAccountAsync(email, role, name);
        return await app.SignedInAsync(email);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_people_of_an_organisation_see_on_the_listing_page_why_it_or_their_organisation_is_hidden(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Vélo cargo à prêter").SaveAsync(app);
        var path = $"/annonces/{listing.Id}";
        var camille = await app.CreateAccountAsync("camille@example.org", SiteRoles.Member, "Camille Martin");
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = org.Id, UserId = camille.Id, Role = OrganizationRole.Editor, Since = app.Clock.Now.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var editor = await app.SignedInAsync("camille@example.org");
        var staff = await FacilitatorAsync(app);

        await DecideAsync(staff, $"/moderation{path}", "Hide", "Paiement demandé hors plateforme.");
        var listingHidden = await editor.GetAsync(path);
        var listingHiddenText = Html.VisibleText(await listingHidden.Content.ReadAsStringAsync());
        await DecideAsync(staff, $"/moderation/structures/{org.Id}", "Hide", "Coordonnées usurpées.");
        var bothHidden = await editor.GetAsync(path);
        var bothHiddenText = Html.VisibleText(await bothHidden.Content.ReadAsStringAsync());
        var staffText = Html.VisibleText(await staff.GetStringAsync(path));

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, listingHidden.StatusCode);
        Assert.Contains("Masquée par la modération", listingHiddenText);
        Assert.Contains("Motif : Paiement demandé hors plateforme.", listingHiddenText);
        Assert.Equal(HttpStatusCode.OK, bothHidden.StatusCode);
        Assert.Contains("Motif : Paiement demandé hors plateforme.", bothHiddenText);
        Assert.Contains("Structure masquée par la modération", bothHiddenText);
        Assert.Contains("Motif : Coordonnées usurpées.", bothHiddenText);
        // The moderation pages are the staff's: their link is not offered to the organisation's people.
        Assert.DoesNotContain("Gérer dans la modération", bothHiddenText);
        Assert.Contains("Gérer dans la modération", staffText);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_reported_listing_is_hidden_from_the_queue_journaled_mailed_then_restored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Vélo cargo à prêter").SaveAsync(app);
        var path = $"/annonces/{listing.Id}";
        var member = await SignInAsync(app, "membre@example.org", SiteRoles.Member, "Camille Membre");

        Assert.Contains("Signaler cette annonce", await member.GetStringAsync(path));
        var reported = await ReportAsync(member, path, "fraud", "Demande un virement d'avance.");

        Assert.Equal($"{path}/signaler?envoye=true", reported.Headers.Location?.OriginalString);
        Assert.Contains("votre signalement a été transmis", Html.VisibleText(await member.GetStringAsync($"{path}/signaler?envoye=true")));
        var staff = await FacilitatorAsync(app);
        var queue = Html.VisibleText(await staff.GetStringAsync("/moderation"));
        Assert.Contains("Signalements ouverts (1)", queue);
        Assert.Contains("Vélo cargo à prêter", queue);
        Assert.Contains("Arnaque ou tentative de fraude", queue);
        Assert.Contains("Demande un virement d'avance.", queue);
        Assert.Contains("Signalé par Camille Membre", queue);

        var hidden = await DecideAsync(staff, $"/moderation{path}", "Hide", "Paiement demandé hors plateforme.");

        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(path)).StatusCode);
        Assert.Contains("\"total\":0", await app.CreateClient().GetStringAsync("/api/v1/listings?q=cargo"));
        var staffView = Html.VisibleText(await staff.GetStringAsync(path));
        Assert.Contains("Annonce masquée par la modération", staffView);
        Assert.Contains("Motif : Paiement demandé hors plateforme.", staffView);
        Assert.Contains("Aucun signalement en attente", Html.VisibleText(await staff.GetStringAsync("/moderation")));
        var journal = Html.VisibleText(await staff.GetStringAsync("/moderation/journal"));
        Assert.Contains("Dominique Animation Masquée Annonce Vélo cargo à prêter Paiement demandé hors plateforme.", journal);
        await app.WithDbAsync(async (db, services) =>
        {
            Assert.Equal(ReportStatus.Hidden, (await db.ModerationReports.SingleAsync()).Status);
            var mail = await db.Set<OutboxMessage>().SingleAsync(m => m.ToAddress == "contact@roue-libre.example.org");
            Assert.Equal("Votre annonce a été masquée", mail.Subject);
            Assert.Contains("Motif : Paiement demandé hors plateforme.", mail.TextBody);
            var notice = await services.GetRequiredService<ModerationNotices>().FindAsync(ModerationSubjectKind.Listing, listing.Id, default);
            Assert.Equal("Paiement demandé hors plateforme.", notice?.Reason);
            return true;
        });

        var restored = await DecideAsync(staff, $"/moderation{path}", "Restore", "Vérifié avec la structure.");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync(path)).StatusCode);
        Assert.Contains("\"total\":1", await app.CreateClient().GetStringAsync("/api/v1/listings?q=cargo"));
        Assert.Contains("Rétablie Annonce Vélo cargo à prêter Vérifié avec la structure.", Html.VisibleText(await staff.GetStringAsync("/moderation/journal")));
        Assert.Equal(ListingStatus.Published, await app.WithDbAsync((db, _) => db.Listings.Select(l => l.Status).SingleAsync()));
        Assert.Null(await app.WithDbAsync((_, services) => services.GetRequiredService<ModerationNotices>().FindAsync(ModerationSubjectKind.Listing, listing.Id, default)));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_hidden_organisation_takes_its_profile_and_listings_out_of_sight_until_restored(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Ressourcerie du Trieux").SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Tonnelle pliante").WithStatus(ListingStatus.Closed).SaveAsync(app);
        var staff = await FacilitatorAsync(app);
        var manage = $"/moderation/structures/{org.Id}";

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, manage, "Hide", "Fiche usurpée.")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/structures/{org.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync($"/annonces/{listing.Id}")).StatusCode);
        Assert.DoesNotContain("Ressourcerie du Trieux", await app.CreateClient().GetStringAsync("/api/v1/organizations"));
        Assert.Contains("Structure masquée par la modération", Html.VisibleText(await staff.GetStringAsync($"/structures/{org.Id}")));
        Assert.Contains("Structure masquée par la modération", Html.VisibleText(await staff.GetStringAsync($"/annonces/{listing.Id}")));
        Assert.Contains("Ressourcerie du Trieux", Html.VisibleText(await staff.GetStringAsync("/moderation")));
        Assert.Equal("Votre fiche a été masquée", await app.WithDbAsync((db, _) => db.Set<OutboxMessage>().Select(m => m.Subject).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(staff, manage, "Restore")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"/structures/{org.Id}")).StatusCode);
        Assert.Equal(OrganizationStatus.Active, await app.WithDbAsync((db, _) => db.Organizations.Select(o => o.Status).SingleAsync()));
        Assert.Equal(ListingStatus.Closed, await app.WithDbAsync((db, _) => db.Listings.Select(l => l.Status).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Reports_closed_without_action_leave_the_profile_visible_and_are_journaled(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Épicerie solidaire").SaveAsync(app);
        var member = await SignInAsync(app, "voisin@example.org", SiteRoles.Member, "Voisin");
        Assert.Contains("Signaler cette structure", await member.GetStringAsync($"/structures/{org.Id}"));
        await ReportAsync(member, $"/structures/{org.Id}", "spam");
        var staff = await FacilitatorAsync(app);

        var dismissed = await DecideAsync(staff, $"/moderation/structures/{org.Id}", "Dismiss", "Rien d'anormal.");

        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Equal(ReportStatus.Dismissed, await app.WithDbAsync((db, _) => db.ModerationReports.Select(r => r.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync($"/structures/{org.Id}")).StatusCode);
        Assert.Contains("Signalements classés sans suite Structure Épicerie solidaire Rien d'anormal.", Html.VisibleText(await staff.GetStringAsync("/moderation/journal")));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_plain_member_can_neither_see_the_queue_nor_hide(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);
        var member = await SignInAsync(app, "membre@example.org", SiteRoles.Member, "Membre");
        var following = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        foreach (var page in new[] { "/moderation", "/moderation/journal", $"/moderation/annonces/{listing.Id}" })
        {
            var response = await member.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/erreur/403", response.Headers.Location?.PathAndQuery);
        }
        var hide = await member.PostFormAsync("/compte", $"/moderation/annonces/{listing.Id}?handler=Hide", new Dictionary<string, string> { ["Input.Reason"] = "Je n'aime pas." });

        Assert.StartsWith("/erreur/403", hide.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(hide.Headers.Location!.PathAndQuery)).StatusCode);
        Assert.Equal(ListingStatus.Published, await app.WithDbAsync((db, _) => db.Listings.Select(l => l.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.ModerationLog.CountAsync()));
        Assert.DoesNotContain("Modération", Html.VisibleText(await member.GetStringAsync("/")));
    }

    [SkippableTheory, BothDatabases]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_to_report(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);

        var page = await app.Browser().GetAsync($"/annonces/{listing.Id}/signaler");
        var post = await app.Browser().PostAsync($"/annonces/{listing.Id}/signaler", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Reason"] = "spam" }));
        var queue = await app.Browser().GetAsync("/moderation");

        foreach (var response in new[] { page, post, queue })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/compte/connexion", response.Headers.Location?.AbsolutePath);
        }
        Assert.Contains("Signaler", Html.VisibleText(await app.GetPageAsync($"/annonces/{listing.Id}")));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.ModerationReports.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_report_needs_a_reason_and_keeps_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);
        var member = await SignInAsync(app, "membre@example.org", SiteRoles.Member, "Membre");

        var noReason = await ReportAsync(member, $"/annonces/{listing.Id}", "", "Bizarre, cette annonce");
        var otherWithoutDetails = await ReportAsync(member, $"/annonces/{listing.Id}", "other");

        var html = await noReason.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Choisissez le motif du signalement.", WebUtility.HtmlDecode(html));
        Assert.Contains("Bizarre, cette annonce", WebUtility.HtmlDecode(html));
        Assert.Contains("Précisez le problème", WebUtility.HtmlDecode(await otherWithoutDetails.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/annonces/{Guid.NewGuid()}/signaler")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.ModerationReports.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task What_people_type_is_shown_encoded_to_the_staff(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        const string Script = "<script>alert(1)</script>";
        const string Attribute = "\"><img src=x onerror=alert(1)>";
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);
        var member = await SignInAsync(app, "membre@example.org", SiteRoles.Member, Attribute + Script);
        await ReportAsync(member, $"/annonces/{listing.Id}", "other", Script + Attribute);
        var staff = await SignInAsync(app, "animation@example.org", SiteRoles.Facilitator, Script + Attribute);

        var queue = await staff.GetStringAsync("/moderation");
        var manage = await staff.GetStringAsync($"/moderation/annonces/{listing.Id}");
        await DecideAsync(staff, $"/moderation/annonces/{listing.Id}", "Hide", Attribute + Script);
        var banner = await staff.GetStringAsync($"/annonces/{listing.Id}");
        var journal = await staff.GetStringAsync("/moderation/journal");

        foreach (var html in new[] { queue, manage, banner, journal })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", queue);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)&lt;/script&gt;", banner);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", journal);
    }
}
