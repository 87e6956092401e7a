using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Alerts;

public sealed class AlertMailTests
{
    [SkippableTheory, BothDatabases]
    public async Task An_instant_alert_mails_each_new_batch_once_with_places_links_and_unsubscribe(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var org = await new OrganizationBuilder().SaveAsync(app);
        var first = await new ListingBuilder(org).Titled("Tonnelle 3x3 à prêter").SaveAsync(app);
        var second = await new ListingBuilder(org).Titled("Grande tonnelle blanche").SaveAsync(app);

        var pass = await app.RunWorkerAsync();
        await app.RunWorkerAsync();

        Assert.Equal(1, pass.Mails);
        var mail = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("Alerte « Tonnelles » : 2 nouvelles annonces", mail.Subject);
        Assert.Contains("Tonnelle 3x3 à prêter", mail.TextBody);
        Assert.Contains("Lille, Atelier Roue Libre", mail.TextBody);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{first.Id}", mail.TextBody);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{second.Id}", mail.HtmlBody);
        Assert.Contains($"{Alerting.BaseUrl}/espace/alertes", mail.TextBody);
        var headers = Alerting.HeadersOf(mail);
        Assert.StartsWith($"<{Alerting.BaseUrl}/alertes/{saved.Id}/desabonner?signature=", headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var third = await new ListingBuilder(org).Titled("Tonnelle pliante").SaveAsync(app);
        await app.RunWorkerAsync();

        var mails = await app.MailsToAsync(camille.Email);
        Assert.Equal(2, mails.Count);
        Assert.Equal("Alerte « Tonnelles » : 1 nouvelle annonce", mails[1].Subject);
        Assert.Contains(third.Id.ToString(), mails[1].TextBody);
        Assert.DoesNotContain(first.Id.ToString(), mails[1].TextBody);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_daily_digest_groups_what_came_since_the_last_one_and_a_weekly_one_waits_a_week(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        await camille.SaveAsync("Tonnelles chaque jour", new { q = "tonnelle" }, "daily");
        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        await dominique.SaveAsync("Tonnelles chaque semaine", new { q = "tonnelle" }, "weekly");
        var org = await new OrganizationBuilder().SaveAsync(app);

        await new ListingBuilder(org).Titled("Tonnelle 3x3 à prêter").SaveAsync(app);
        await app.RunWorkerAsync();
        app.Clock.Advance(TimeSpan.FromHours(5));
        await new ListingBuilder(org).Titled("Grande tonnelle blanche").SaveAsync(app);
        await app.RunWorkerAsync();
        Assert.Empty(await app.MailsToAsync(camille.Email));

        app.Clock.Advance(TimeSpan.FromHours(20));
        await app.RunWorkerAsync();

        var daily = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("Votre alerte du jour « Tonnelles chaque jour » : 2 nouvelles annonces", daily.Subject);
        Assert.Empty(await app.MailsToAsync(dominique.Email));

        await new ListingBuilder(org).Titled("Tonnelle pliante").SaveAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(12));
        await app.RunWorkerAsync();
        Assert.Single(await app.MailsToAsync(camille.Email));

        app.Clock.Advance(TimeSpan.FromDays(6));
        await app.RunWorkerAsync();

        Assert.Equal(2, (await app.MailsToAsync(camille.Email)).Count);
        var weekly = Assert.Single(await app.MailsToAsync(dominique.Email));
        Assert.Equal("Votre alerte de la semaine « Tonnelles chaque semaine » : 3 nouvelles annonces", weekly.Subject);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_second_worker_or_a_restart_never_sends_a_listing_twice(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);
        var other = ActivatorUtilities.CreateInstance<AlertJob>(app.Services);

        await Task.WhenAll(app.RunWorkerAsync(), other.RunOnceAsync());
        await other.RunOnceAsync();
        // Edited, then published again: queued again, matched again, never sent again.
        await app.WithDbAsync(async db =>
        {
            var row = await db.Listings.SingleAsync(l => l.Id == listing.Id);
            row.UpdatedAt = FakeClock.Default.UtcDateTime.AddMinutes(5);
            await db.SaveChangesAsync();
        });
        await app.RunWorkerAsync();
        await other.RunOnceAsync();

        Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.SavedSearchMatches.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_unsubscribe_link_is_signed_asks_first_and_works_in_one_click_without_signing_in(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).SaveAsync(app);
        await app.RunWorkerAsync();
        var header = Alerting.HeadersOf(Assert.Single(await app.MailsToAsync(camille.Email)))["List-Unsubscribe"];
        var link = new Uri(header.Trim('<', '>')).PathAndQuery;
        var visitor = app.Browser();

        var page = await visitor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ne plus recevoir cette alerte", Html.VisibleText(await page.Content.ReadAsStringAsync()));
        Assert.False(await app.WithDbAsync((db, _) => db.SavedSearches.Select(s => s.Paused).SingleAsync()));

        var tampered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(tampered)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync(tampered, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/alertes/{Guid.CreateVersion7()}/desabonner?signature={link.Split("signature=")[1]}")).StatusCode);
        Assert.False(await app.WithDbAsync((db, _) => db.SavedSearches.Select(s => s.Paused).SingleAsync()));

        var oneClick = await visitor.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Contains("vous ne recevrez plus l'alerte « Tonnelles »", Html.VisibleText(await oneClick.Content.ReadAsStringAsync()));
        Assert.True(await app.WithDbAsync((db, _) => db.SavedSearches.Where(s => s.Id == saved.Id).Select(s => s.Paused).SingleAsync()));
        await new ListingBuilder(org).Titled("Autre tonnelle").SaveAsync(app);
        await app.RunWorkerAsync();
        Assert.Single(await app.MailsToAsync(camille.Email));
    }
}
