using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

public sealed class DemandWatchTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_watching_organisation_hears_of_the_demands_its_offers_answer_and_of_no_other(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (atelier, camille, dominique) = await WatcherAsync(app);
        var reparation = await new ListingBuilder(atelier).Titled("Réparation de vélos").InCategory("mobility").SaveAsync(app);
        await new ListingBuilder(atelier).Titled("Prêt de tonnelles").SaveAsync(app);
        var elsewhere = await new OrganizationBuilder().Named("Vélo Cité").SaveAsync(app);
        await new ListingBuilder(elsewhere).Titled("Réparation de vélos et de remorques").InCategory("mobility").SaveAsync(app);
        var lorenzo = await Alerting.PersonAsync(app, "lorenzo@example.org", "Lorenzo Petit");
        await OwnAsync(app, elsewhere.Id, lorenzo.Id, OrganizationRole.Owner);
        await app.RunWorkerAsync();

        var asking = await new OrganizationBuilder().Named("Les Jardins du Cœur").SaveAsync(app);
        var bikes = await new ListingBuilder(asking).Demand().Titled("Cherche réparation de vélos cargo").InCategory("maintenance").SaveAsync(app);
        var tents = await new ListingBuilder(asking).Demand().Titled("Recherche tonnelles pour la fête de quartier").SaveAsync(app);
        await new ListingBuilder(asking).Demand().Titled("Cherche un comptable pour notre bilan").InCategory("advice").SaveAsync(app);
        await new ListingBuilder(atelier).Demand().Titled("Besoin de vélos pour une balade").InCategory("mobility").SaveAsync(app);
        await app.RunWorkerAsync();
        await app.RunWorkerAsync();

        var mail = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("2 demandes pour Atelier Roue Libre : ce que vous proposez y répond", mail.Subject);
        Assert.Contains("Cherche réparation de vélos cargo", mail.TextBody);
        Assert.Contains("Votre offre qui y répond : Réparation de vélos", mail.TextBody);
        Assert.Contains("Recherche tonnelles pour la fête de quartier", mail.TextBody);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{bikes.Id}", mail.TextBody);
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{tents.Id}", mail.HtmlBody);
        Assert.Contains("Lille, Les Jardins du Cœur", mail.TextBody);
        Assert.DoesNotContain("comptable", mail.TextBody);
        Assert.DoesNotContain("balade", mail.TextBody);
        Assert.StartsWith($"<{Alerting.BaseUrl}/structures/{atelier.Id}/demandes-a-suivre/arreter?signature=", Alerting.HeadersOf(mail)["List-Unsubscribe"]);
        Assert.Empty(await app.MailsToAsync(dominique.Email));
        Assert.Empty(await app.MailsToAsync(lorenzo.Email));

        var page = Html.VisibleText(await camille.Client.GetStringAsync($"/structures/{atelier.Id}/demandes-a-suivre"));
        Assert.Contains("Cherche réparation de vélos cargo", page);
        Assert.Contains("Votre offre qui y répond : Réparation de vélos", page);
        Assert.Contains(reparation.Id.ToString(), await camille.Client.GetStringAsync($"/structures/{atelier.Id}/demandes-a-suivre"));
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_owners_turn_it_on_and_off_and_the_mail_link_stops_it_without_signing_in(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (atelier, camille, dominique) = await WatcherAsync(app);
        var path = $"/structures/{atelier.Id}/demandes-a-suivre";
        Assert.Equal(HttpStatusCode.NotFound, (await dominique.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await app.Browser().GetAsync(path)).StatusCode);

        var invalid = await camille.Client.PostFormAsync(path, path, new Dictionary<string, string> { ["frequency"] = "hourly" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Choisissez une des réponses proposées.", Html.VisibleText(await invalid.Content.ReadAsStringAsync()));

        await new ListingBuilder(atelier).Titled("Prêt de tonnelles").SaveAsync(app);
        var asking = await new OrganizationBuilder().Named("Les Jardins du Cœur").SaveAsync(app);
        await new ListingBuilder(asking).Demand().Titled("Recherche tonnelles").SaveAsync(app);
        await app.RunWorkerAsync();
        var header = Alerting.HeadersOf(Assert.Single(await app.MailsToAsync(camille.Email)))["List-Unsubscribe"];
        var link = header.Trim('<', '>').Replace(Alerting.BaseUrl, "");

        var visitor = app.Browser();
        var oneClick = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync(link[..^3] + "abc", oneClick)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(link)).StatusCode);
        Assert.NotNull(await app.WithDbAsync((db, _) => db.DemandWatches.SingleOrDefaultAsync(w => w.OrganizationId == atelier.Id)));
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(link, oneClick)).StatusCode);
        Assert.Null(await app.WithDbAsync((db, _) => db.DemandWatches.SingleOrDefaultAsync(w => w.OrganizationId == atelier.Id)));

        await new ListingBuilder(asking).Demand().Titled("Recherche une grande tonnelle").SaveAsync(app);
        await app.RunWorkerAsync();
        Assert.Single(await app.MailsToAsync(camille.Email));

        var off = await camille.Client.PostFormAsync(path, path, new Dictionary<string, string> { ["frequency"] = DemandWatchPageModel.Off });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("Non, merci", Html.VisibleText(await camille.Client.GetStringAsync(path)));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_weekly_watch_groups_the_week_s_demands_in_one_mail(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var (atelier, camille, _) = await WatcherAsync(app, "weekly");
        await new ListingBuilder(atelier).Titled("Prêt de tonnelles").SaveAsync(app);
        var asking = await new OrganizationBuilder().Named("Les Jardins du Cœur").SaveAsync(app);

        await new ListingBuilder(asking).Demand().Titled("Recherche tonnelles").SaveAsync(app);
        await app.RunWorkerAsync();
        app.Clock.Advance(TimeSpan.FromDays(3));
        await new ListingBuilder(asking).Demand().Titled("Recherche une grande tonnelle").SaveAsync(app);
        await app.RunWorkerAsync();
        Assert.Empty(await app.MailsToAsync(camille.Email));

        app.Clock.Advance(TimeSpan.FromDays(4));
        await app.RunWorkerAsync();

        var mail = Assert.Single(await app.MailsToAsync(camille.Email));
        Assert.Equal("2 demandes pour Atelier Roue Libre : ce que vous proposez y répond", mail.Subject);
    }

    [Fact]
    public void An_offer_answers_a_demand_of_its_category_or_holding_half_of_its_title_s_concepts()
    {
        var concepts = SearchAnalyzer.AnalyzeQuery("réparation de vélos cargo", new Thesaurus([])).Concepts;
        var stems = (string text) => SearchAnalyzer.AnalyzeDocument(text).Split(' ').ToHashSet();

        Assert.True(DemandWatchMatcher.Answers("maintenance", concepts, "mobility", stems("Réparation de vélos")));
        Assert.True(DemandWatchMatcher.Answers("mobility", concepts, "mobility", stems("Location de remorques")));
        Assert.False(DemandWatchMatcher.Answers("maintenance", concepts, "mobility", stems("Vente de vélos d'occasion")));
    }

    /// <summary>Atelier Roue Libre with Camille as its owner, who turns the watch on from the page, and Dominique as an editor.</summary>
    static async Task<(Organization Atelier, Alerting.Person Camille, Alerting.Person Dominique)> WatcherAsync(TestApp app, string frequency = "instant")
    {
        var atelier = await new OrganizationBuilder().SaveAsync(app);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        await OwnAsync(app, atelier.Id, camille.Id, OrganizationRole.Owner);
        await OwnAsync(app, atelier.Id, dominique.Id, OrganizationRole.Editor);
        var path = $"/structures/{atelier.Id}/demandes-a-suivre";
        var on = await camille.Client.PostFormAsync(path, path, new Dictionary<string, string> { ["frequency"] = frequency });
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal($"{path}?fait=active", on.Headers.Location?.OriginalString);
        return (atelier, camille, dominique);
    }

    static Task OwnAsync(TestApp app, Guid organizationId, Guid userId, OrganizationRole role) =>
        app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId, Role = role, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
}
