using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Listings.Publishing;

public sealed class PublishingPageTests
{
    static Guid ListingIdIn(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return Guid.Parse(redirect.Headers.Location!.OriginalString["/annonces/".Length..]);
    }

    [SkippableTheory, BothDatabases]
    public async Task Two_people_of_two_organisations_publish_edit_and_close_through_the_pages(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var roueLibre = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var jardins = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: roueLibre.Id);
        var sacha = await People.CreateAsync(app, "sacha@example.org", organizationId: jardins.Id, organizationRole: OrganizationRole.Editor);

        var space = await Directory.SignedIn.PageAsync(camille.Browser, "/espace");
        var form = await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/nouvelle?structure={roueLibre.Id}");
        var mine = ListingIdIn(await camille.Browser.SubmitAsync($"/annonces/nouvelle?structure={roueLibre.Id}",
            People.Form("Tonnelle à prêter", roueLibre.Id)));
        var theirs = ListingIdIn(await sacha.Browser.SubmitAsync("/annonces/nouvelle", People.Form("Bêches à prêter", jardins.Id)));

        Assert.Contains($"href=\"/structures/{roueLibre.Id}/annonces\"", space);
        Assert.Contains($"href=\"/annonces/nouvelle?structure={roueLibre.Id}\"", space);
        Assert.Contains("Au nom de Atelier Roue Libre", Html.VisibleText(form));
        var page = await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/{mine}");
        Assert.Contains("Votre annonce, au nom de Atelier Roue Libre", Html.VisibleText(page));
        Assert.Contains($"href=\"/annonces/{mine}/photos\"", page);
        Assert.Contains("Ajouter des photos", page);
        Assert.Contains($"href=\"/annonces/{mine}/modifier\"", page);
        var stranger = await Directory.SignedIn.PageAsync(sacha.Browser, $"/annonces/{mine}");
        Assert.DoesNotContain("/modifier", stranger);
        Assert.DoesNotContain("/photos", stranger);

        var edited = await camille.Browser.SubmitAsync($"/annonces/{mine}/modifier", People.Form("Tonnelle 3x3 m à prêter") );
        var editOther = await camille.Browser.GetAsync($"/annonces/{theirs}/modifier");
        var closeOther = await camille.Browser.PostFormAsync($"/annonces/{mine}", $"/annonces/{theirs}/modifier?handler=Close",
            new Dictionary<string, string> { ["outcome"] = "withdrawn" });
        var closed = await sacha.Browser.PostFormAsync($"/annonces/{theirs}", $"/annonces/{theirs}/modifier?handler=Close",
            new Dictionary<string, string> { ["outcome"] = "fulfilled", ["returnUrl"] = $"/structures/{jardins.Id}/annonces" });

        Assert.Equal($"/annonces/{mine}", edited.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, editOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, closeOther.StatusCode);
        Assert.Equal($"/structures/{jardins.Id}/annonces", closed.Headers.Location?.OriginalString);
        Assert.Contains("Cette annonce est pourvue", Html.VisibleText(await app.GetPageAsync($"/annonces/{theirs}")));
        Assert.Contains("Tonnelle 3x3 m à prêter", Html.VisibleText(await app.GetPageAsync($"/annonces/{mine}")));
        var results = Html.VisibleText(await app.GetPageAsync("/recherche?q=preter"));
        Assert.Contains("Tonnelle 3x3 m", results);
        Assert.DoesNotContain("Bêches", results);
        var statuses = await app.WithDbAsync((db, _) => db.Listings.OrderBy(l => l.Title).Select(l => new { l.Status, l.ClosedOutcome }).ToListAsync());
        Assert.Equal([(ListingStatus.Closed, (ListingOutcome?)ListingOutcome.Fulfilled), (ListingStatus.Published, null)],
            statuses.Select(s => (s.Status, s.ClosedOutcome)));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_refused_form_keeps_what_was_typed_with_french_messages_by_field(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var form = People.Form("", organization.Id);
        (form["Input.Description"], form["Input.Price"], form["Input.Commune"], form["Input.ExpiresAt"]) =
            ("Une belle tonnelle, presque neuve.", "douze", "Nullepart-sur-Mer", "2030-01-01");

        var response = await camille.Browser.SubmitAsync("/annonces/nouvelle", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Html.VisibleText(html);
        Assert.Contains("Aucune commune ne correspond à « Nullepart-sur-Mer »", text);
        Assert.Contains("Nullepart-sur-Mer", html);
        Assert.Contains("Une belle tonnelle, presque neuve.", text);
        Assert.Contains("value=\"douze\"", html);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Listings.CountAsync()));

        form["Input.Commune"] = "Lens (62300)";
        var again = Html.VisibleText(await (await camille.Browser.SubmitAsync("/annonces/nouvelle", form)).Content.ReadAsStringAsync());

        Assert.Contains("Indiquez un titre.", again);
        Assert.Contains("Le prix « douze » doit être un nombre", again);
        Assert.Contains("au plus un an", again);
    }

    [SkippableTheory, BothDatabases]
    public async Task Someone_in_several_organisations_chooses_on_whose_behalf_and_nobody_else_can_be_chosen(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var roueLibre = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var jardins = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Ressourcerie du Nord").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: roueLibre.Id);
        await Directory.SignedIn.AddAsync(app, jardins.Id, camille.Id, OrganizationRole.Editor);

        var form = Html.VisibleText(await Directory.SignedIn.PageAsync(camille.Browser, "/annonces/nouvelle"));
        var unchosen = await camille.Browser.SubmitAsync("/annonces/nouvelle", People.Form());
        var notMine = await camille.Browser.GetAsync($"/annonces/nouvelle?structure={other.Id}");
        var forOther = await camille.Browser.SubmitAsync("/annonces/nouvelle", People.Form(organizationId: other.Id));
        var forJardins = ListingIdIn(await camille.Browser.SubmitAsync("/annonces/nouvelle", People.Form(organizationId: jardins.Id)));

        Assert.Contains("Au nom de", form);
        Assert.Contains("Atelier Roue Libre", form);
        Assert.Contains("Jardins de Fives", form);
        Assert.DoesNotContain("Ressourcerie du Nord", form);
        Assert.Contains("Choisissez la structure au nom de laquelle vous publiez.", Html.VisibleText(await unchosen.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forOther.StatusCode);
        Assert.Equal(jardins.Id, await app.WithDbAsync((db, _) => db.Listings.Where(l => l.Id == forJardins).Select(l => l.OrganizationId).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Pause_republish_and_renew_move_a_listing_between_the_groups_of_the_organisation_space(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var online = await new ListingBuilder(organization).Titled("Tonnelle à prêter").SaveAsync(app);
        var hidden = await new ListingBuilder(organization).Titled("Annonce signalée").WithStatus(ListingStatus.Hidden).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Vélo donné").WithStatus(ListingStatus.Closed).SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.ModerationLog.Add(new ModerationLogEntry
            {
                At = app.Clock.Now.UtcDateTime, ActorId = Guid.NewGuid(), ActorName = "Équipe", SubjectKind = ModerationSubjectKind.Listing,
                SubjectId = hidden.Id, SubjectTitle = hidden.Title, Action = ModerationAction.Hide, Reason = "Photo d'un tiers sans accord",
            });
            await db.SaveChangesAsync();
        });
        var spacePath = $"/structures/{organization.Id}/annonces";
        Task<HttpResponseMessage> PressAsync(string handler) => camille.Browser.PostFormAsync(spacePath,
            $"/annonces/{online.Id}/modifier?handler={handler}", new Dictionary<string, string> { ["returnUrl"] = spacePath });

        var before = Html.VisibleText(await Directory.SignedIn.PageAsync(camille.Browser, spacePath));
        var paused = await PressAsync("Pause");
        var whilePaused = Html.VisibleText(await Directory.SignedIn.PageAsync(camille.Browser, spacePath));
        var publicWhilePaused = await app.CreateClient().GetAsync($"/annonces/{online.Id}");
        var ownerWhilePaused = Html.VisibleText(await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/{online.Id}"));
        // Past its date while paused: put back online, it gets three more months.
        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == online.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, app.Clock.Now.UtcDateTime.AddDays(-1))));
        await PressAsync("Republish");
        var republished = await app.WithDbAsync((db, _) => db.Listings.SingleAsync(l => l.Id == online.Id));
        app.Clock.Advance(TimeSpan.FromDays(10));
        await PressAsync("Renew");
        var renewed = await app.WithDbAsync((db, _) => db.Listings.SingleAsync(l => l.Id == online.Id));
        var hiddenPause = await camille.Browser.PostFormAsync(spacePath, $"/annonces/{hidden.Id}/modifier?handler=Republish", new Dictionary<string, string>());

        Assert.Contains("En ligne (1)", before);
        Assert.Contains("Pourvues ou retirées (1)", before);
        Assert.Contains("Masquées par la modération (1)", before);
        Assert.Contains("Motif : Photo d'un tiers sans accord", before);
        Assert.Equal(spacePath, paused.Headers.Location?.OriginalString);
        Assert.Contains("En pause ou brouillons (1)", whilePaused);
        Assert.Contains("En ligne (0)", whilePaused);
        Assert.Equal(HttpStatusCode.NotFound, publicWhilePaused.StatusCode);
        Assert.Contains("Elle est en pause", ownerWhilePaused);
        Assert.Equal(ListingStatus.Published, republished.Status);
        Assert.Equal(app.Clock.Now.UtcDateTime.AddDays(-10).AddMonths(3), republished.ExpiresAt);
        Assert.Equal(app.Clock.Now.UtcDateTime.AddMonths(3), renewed.ExpiresAt);
        Assert.Equal(HttpStatusCode.Conflict, hiddenPause.StatusCode);
        Assert.Equal(ListingStatus.Hidden, await app.WithDbAsync((db, _) => db.Listings.Where(l => l.Id == hidden.Id).Select(l => l.Status).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_edit_form_shows_the_listing_and_a_description_keeps_its_lines_and_links(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var listing = await new ListingBuilder(organization).Titled("Tonnelle").WithModes("rental").WithPrice(12.5m)
            .Described("Ligne un\nVoir https://exemple.fr/tonnelle et javascript:alert(1)").SaveAsync(app);

        var form = await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/{listing.Id}/modifier");
        var page = await app.GetPageAsync($"/annonces/{listing.Id}");

        Assert.Contains("value=\"Tonnelle\"", form);
        Assert.Contains("value=\"12,5\"", form);
        Assert.Contains("value=\"Lille (59000)\"", form);
        Assert.Matches("value=\"rental\"[^>]*checked", form);
        Assert.Contains("Ligne un<br>Voir <a href=\"https://exemple.fr/tonnelle\" rel=\"nofollow ugc noopener\">https://exemple.fr/tonnelle</a> et javascript:alert(1)", page);
    }
}
