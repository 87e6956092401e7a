using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Search;

/// <summary>The same French search cases on both databases: the analyser is shared, so the answers must be too.</summary>
public sealed class FrenchSearchApiTests
{
    static async Task<ListingPage> SearchAsync(TestApp app, string query) =>
        (await app.CreateClient().GetFromJsonAsync<ListingPage>($"/api/v1/listings{query}"))!;

    static string Q(string text) => $"?q={Uri.EscapeDataString(text)}";

    [SkippableTheory, BothDatabases]
    public async Task Plurals_and_other_forms_of_a_word_find_each_other(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Chaises pliantes à prêter").SaveAsync(app);
        await new ListingBuilder(org).Titled("Atelier de réparation").Described("Nos réparateurs remettent en état vos appareils.").SaveAsync(app);
        await new ListingBuilder(org).Titled("Aide au déménagement").SaveAsync(app);

        Assert.Equal("Chaises pliantes à prêter", Assert.Single((await SearchAsync(app, Q("chaise pliante"))).Items).Title);
        Assert.Equal("Atelier de réparation", Assert.Single((await SearchAsync(app, Q("réparer"))).Items).Title);
        Assert.Equal("Aide au déménagement", Assert.Single((await SearchAsync(app, Q("déménager"))).Items).Title);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_typo_is_corrected_against_the_index_and_the_correction_is_shown(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelles à prêter pour vos fêtes").SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion").SaveAsync(app);

        var page = await SearchAsync(app, Q("tonelles"));

        Assert.Equal("Tonnelles à prêter pour vos fêtes", Assert.Single(page.Items).Title);
        Assert.Equal("tonnelles", page.CorrectedQuery);
        Assert.Null((await SearchAsync(app, Q("tonnelle"))).CorrectedQuery);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_synonym_finds_the_listing_but_ranks_below_the_word_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.Set<SynonymGroup>().Add(new SynonymGroup { Terms = "vélo ; bicyclette", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<ThesaurusCache>().Invalidate();
        await new ListingBuilder(org).Titled("Vélo de ville révisé").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Bicyclette ancienne").CreatedDaysAgo(60).SaveAsync(app);

        var page = await SearchAsync(app, Q("bicyclette"));

        Assert.Equal(["Bicyclette ancienne", "Vélo de ville révisé"], page.Items.Select(i => i.Title));
    }

    [SkippableTheory, BothDatabases]
    public async Task Part_of_a_synonym_phrase_does_not_pass_for_the_whole(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.Set<SynonymGroup>().Add(new SynonymGroup { Terms = "minibus ; neuf places", UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        app.Services.GetRequiredService<ThesaurusCache>().Invalidate();
        await new ListingBuilder(org).Titled("Repas sur place").Described("Trois places assises").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Véhicule neuf places à prêter").CreatedDaysAgo(200).SaveAsync(app);

        var page = await SearchAsync(app, Q("minibus"));

        Assert.Equal("Véhicule neuf places à prêter", page.Items[0].Title);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_sentence_asking_for_help_finds_offers_before_other_demands(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Refaire notre site internet").Demand().CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Création de sites internet pour associations").CreatedDaysAgo(90).SaveAsync(app);

        var page = await SearchAsync(app, Q("on cherche quelqu'un pour refaire notre site internet"));

        Assert.Equal("Création de sites internet pour associations", page.Items[0].Title);
        Assert.Equal(2, page.Total);
    }

    [SkippableTheory, BothDatabases]
    public async Task Listings_with_all_the_words_come_before_those_with_some_and_none_is_lost(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Vélos d'occasion révisés").CreatedDaysAgo(40).SaveAsync(app);
        await new ListingBuilder(org).Titled("Vélos neufs").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Mobilier d'occasion").CreatedDaysAgo(1).SaveAsync(app);

        var page = await SearchAsync(app, Q("vélos d'occasion"));

        Assert.Equal(3, page.Total);
        Assert.Equal("Vélos d'occasion révisés", page.Items[0].Title);
    }

    [SkippableTheory, BothDatabases]
    public async Task Filters_change_the_set_but_never_the_order(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle").Described("Tonnelle pliante, tonnelle solide.").WithModes("loan").SaveAsync(app);
        await new ListingBuilder(org).Titled("Tente et tonnelle").WithModes("loan", "rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Barnum").Described("Avec une tonnelle en plus.").WithModes("rental").SaveAsync(app);

        var all = (await SearchAsync(app, Q("tonnelle"))).Items.Select(i => i.Title).ToList();
        var rentals = (await SearchAsync(app, Q("tonnelle") + "&mode=rental")).Items.Select(i => i.Title).ToList();

        Assert.Equal(all.Where(rentals.Contains), rentals);
    }

    [SkippableTheory, BothDatabases]
    public async Task Results_can_be_sorted_newest_or_nearest(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lens = await new OrganizationBuilder().Named("Lens").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);
        var lille = await new OrganizationBuilder().Named("Lille").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Minibus de Lille").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(lens).Titled("Minibus de Lens").CreatedDaysAgo(10).SaveAsync(app);

        var newest = await SearchAsync(app, Q("minibus") + "&sort=newest");
        var nearest = await SearchAsync(app, Q("minibus") + "&sort=nearest&lat=50.291&lon=2.7775");

        Assert.Equal(["Minibus de Lille", "Minibus de Lens"], newest.Items.Select(i => i.Title));
        Assert.Equal(["Minibus de Lens", "Minibus de Lille"], nearest.Items.Select(i => i.Title));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_territory_or_a_radius_around_a_commune_narrows_the_set(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var arras = await new OrganizationBuilder().Named("Arras").In("62041", "Arras", 50.291, 2.7775).SaveAsync(app);
        var lens = await new OrganizationBuilder().Named("Lens").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);
        var lille = await new OrganizationBuilder().Named("Lille").SaveAsync(app);
        await new ListingBuilder(arras).Titled("Tonnelle d'Arras").SaveAsync(app);
        await new ListingBuilder(lens).Titled("Tonnelle de Lens").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Tonnelle de Lille").SaveAsync(app);

        Assert.Equal(2, (await SearchAsync(app, Q("tonnelle") + "&territory=62")).Total);
        Assert.Equal(["Tonnelle de Lille"], (await SearchAsync(app, Q("tonnelle") + "&territory=200093201")).Items.Select(i => i.Title));
        var nearArras = await SearchAsync(app, Q("tonelle") + "&commune=62041&radiusKm=30");
        Assert.Equal(["Tonnelle d'Arras", "Tonnelle de Lens"], nearArras.Items.Select(i => i.Title).Order());
    }

    [SkippableTheory, BothDatabases]
    public async Task Listings_indexed_by_an_older_analyser_are_analysed_again_at_start(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = TestApp.StartOn(database))
        {
            var org = await new OrganizationBuilder().SaveAsync(app);
            await new ListingBuilder(org).Titled("Perceuses sans fil").SaveAsync(app);
            await app.WithDbAsync(db => db.Set<Listing>().ExecuteUpdateAsync(s => s
                .SetProperty(l => l.SearchTitle, "xyz").SetProperty(l => l.SearchVersion, 0)));
            Assert.Equal(0, (await SearchAsync(app, Q("perceuse"))).Total);
        }

        await using var restarted = TestApp.StartOn(database);
        Assert.Equal(1, (await SearchAsync(restarted, Q("perceuse"))).Total);
    }
}
