using ElBasar.Tests.Support;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Alerts;

public sealed class AlertMatchingTests
{
    static Task<List<Guid>> MatchedAsync(TestApp app, Guid savedSearchId) =>
        app.WithDbAsync((db, _) => db.SavedSearchMatches.Where(m => m.SavedSearchId == savedSearchId).Select(m => m.ListingId).ToListAsync());

    [SkippableTheory, BothDatabases]
    public async Task A_saved_search_finds_new_listings_by_plural_and_synonym_and_not_those_missing_a_concept(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var tents = await camille.SaveAsync("Tonnelles", new { q = "tonnelles" });
        var drills = await camille.SaveAsync("Perceuse sur batterie", new { q = "perceuse batterie" });
        var org = await new OrganizationBuilder().SaveAsync(app);

        var tonnelle = await new ListingBuilder(org).Titled("Prêt d'une tonnelle 3x3 m").SaveAsync(app);
        var barnum = await new ListingBuilder(org).Titled("Barnum pour vos fêtes").Described("Montage en dix minutes.").SaveAsync(app);
        var wired = await new ListingBuilder(org).Titled("Perceuse filaire").Described("Avec son coffret.").SaveAsync(app);
        var cordless = await new ListingBuilder(org).Titled("Visseuse à prêter").Described("Livrée avec deux batteries.").SaveAsync(app);

        var pass = await app.RunWorkerAsync();

        Assert.Equal(4, pass.Listings);
        Assert.Equal(new[] { barnum.Id, tonnelle.Id }.Order(), (await MatchedAsync(app, tents.Id)).Order());
        Assert.Equal([cordless.Id], await MatchedAsync(app, drills.Id));
        Assert.DoesNotContain(wired.Id, await MatchedAsync(app, drills.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task Filters_and_a_radius_keep_only_the_listings_the_search_would_show(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var nearby = await camille.SaveAsync("Matériel prêté près de Lille",
            new { q = "tonnelle", kind = "offer", category = new[] { "equipment" }, mode = new[] { "loan" }, lat = 50.6292, lon = 3.0573, radiusKm = 10 });
        var anything = await camille.SaveAsync("Toutes les demandes de matériel", new { kind = "demand", category = new[] { "equipment" } });
        var lille = await new OrganizationBuilder().SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Recyclerie d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);

        var inLille = await new ListingBuilder(lille).Titled("Tonnelle à prêter").SaveAsync(app);
        var inArras = await new ListingBuilder(arras).Titled("Tonnelle à prêter").SaveAsync(app);
        var demand = await new ListingBuilder(lille).Titled("Cherche une tonnelle").Demand().SaveAsync(app);
        var given = await new ListingBuilder(lille).Titled("Tonnelle à donner").WithModes("donation").SaveAsync(app);
        var otherCategory = await new ListingBuilder(lille).Titled("Tonnelle, salle et traiteur").InCategory("premises").SaveAsync(app);

        await app.RunWorkerAsync();

        Assert.Equal([inLille.Id], await MatchedAsync(app, nearby.Id));
        Assert.Equal([demand.Id], await MatchedAsync(app, anything.Id));
        Assert.DoesNotContain(inArras.Id, await MatchedAsync(app, nearby.Id));
        Assert.DoesNotContain(given.Id, await MatchedAsync(app, nearby.Id));
        Assert.DoesNotContain(otherCategory.Id, await MatchedAsync(app, nearby.Id));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_radius_around_a_commune_is_measured_from_its_known_places(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var lille = await new OrganizationBuilder().SaveAsync(app);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Vélos autour de Lille", new { q = "vélo", commune = "59350", radiusKm = 20 });
        var arras = await new OrganizationBuilder().Named("Recyclerie d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);

        var near = await new ListingBuilder(lille).Titled("Bicyclette de ville").At(50.70, 3.10).SaveAsync(app);
        await new ListingBuilder(arras).Titled("Vélo de course").SaveAsync(app);

        await app.RunWorkerAsync();

        Assert.Equal([near.Id], await MatchedAsync(app, saved.Id));
        Assert.Equal("59350", saved.Query.GetProperty("commune").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task Nobody_is_alerted_about_their_own_organisations_listings(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");
        var org = await new OrganizationBuilder().SaveAsync(app);
        await app.AddToOrganizationAsync(org.Id, camille.Id);
        var own = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var other = await dominique.SaveAsync("Tonnelles", new { q = "tonnelle" });

        var listing = await new ListingBuilder(org).SaveAsync(app);
        await app.RunWorkerAsync();

        Assert.Empty(await MatchedAsync(app, own.Id));
        Assert.Equal([listing.Id], await MatchedAsync(app, other.Id));
        Assert.Empty(await app.MailsToAsync(camille.Email));
        Assert.Single(await app.MailsToAsync(dominique.Email));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_listing_published_again_is_matched_then_and_hidden_or_expired_ones_are_not(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var saved = await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
        var org = await new OrganizationBuilder().SaveAsync(app);
        var draft = await new ListingBuilder(org).WithStatus(ListingStatus.Draft).SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle périmée").ExpiredDaysAgo(2).SaveAsync(app);

        await app.RunWorkerAsync();
        Assert.Empty(await MatchedAsync(app, saved.Id));

        await app.WithDbAsync(async db =>
        {
            var listing = await db.Listings.SingleAsync(l => l.Id == draft.Id);
            listing.Status = ListingStatus.Published;
            listing.UpdatedAt = FakeClock.Default.UtcDateTime;
            await db.SaveChangesAsync();
        });
        await app.RunWorkerAsync();

        Assert.Equal([draft.Id], await MatchedAsync(app, saved.Id));
    }
}
