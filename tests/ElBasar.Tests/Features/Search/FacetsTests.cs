using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Search;

public sealed class FacetsTests
{
    [SkippableTheory, BothDatabases]
    public async Task Each_facet_counts_under_the_other_filters_with_its_own_choice_replaced(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à prêter").WithModes("loan").SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à vendre").WithModes("sale").WithPrice(80).SaveAsync(app);
        await new ListingBuilder(org).Titled("Cherche une tonnelle").Demand().WithModes("loan", "rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Local pour une tonnelle").InCategory("premises").WithModes("rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion").InCategory("premises").WithModes("rental").SaveAsync(app);

        var counts = await app.WithDbAsync((_, services) => services.GetRequiredService<ListingFacets>().CountAllAsync(
            new ListingQuery { Text = "tonnelle", Kind = ListingKind.Offer, Categories = ["equipment", "premises"] }, CancellationToken.None));

        // Kind: both categories, either kind.
        Assert.Equal(3, counts.Kinds[ListingKind.Offer]);
        Assert.Equal(1, counts.Kinds[ListingKind.Demand]);
        Assert.Equal(4, counts.AnyKind);
        // Categories: offers only, one category at a time.
        Assert.Equal(2, counts.Categories["equipment"]);
        Assert.Equal(1, counts.Categories["premises"]);
        Assert.Equal(0, counts.Categories["food"]);
        // Modes and markets: offers of both categories.
        Assert.Equal(1, counts.Modes["loan"]);
        Assert.Equal(1, counts.Modes["sale"]);
        Assert.Equal(1, counts.Modes["rental"]);
        Assert.Equal(2, counts.Markets[true]);
        Assert.Equal(1, counts.Markets[false]);
        Assert.Equal(3, counts.AnyMarket);
    }

    [SkippableTheory, BothDatabases]
    public async Task Facet_groups_are_read_once_and_not_at_all_past_their_limit(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à prêter").WithModes("loan", "donation").SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à prêter aussi").WithModes("donation", "loan").SaveAsync(app);
        await new ListingBuilder(org).Titled("Cherche une tonnelle").Demand().WithModes("rental").SaveAsync(app);

        await app.WithDbAsync(async (_, services) =>
        {
            var search = services.GetRequiredService<ListingSearch>();
            // The facet filters themselves are left out: each facet applies the others in C#.
            var groups = await search.FacetGroupsAsync(new ListingQuery { Text = "tonnelle", Kind = ListingKind.Demand, Modes = ["sale"] }, limit: 3);
            Assert.NotNull(groups);
            Assert.Equal(3, groups.Sum(g => g.Count));
            Assert.Equal(2, groups.Where(g => g.Kind == ListingKind.Offer).Sum(g => g.Count));
            Assert.All(groups.Where(g => g.Kind == ListingKind.Offer), g => Assert.Equal(["donation", "loan"], g.Modes.Order()));

            Assert.Null(await search.FacetGroupsAsync(new ListingQuery { Text = "tonnelle" }, limit: 2));
            var unknown = await services.GetRequiredService<ListingFacets>().CountAllAsync(new ListingQuery(), CancellationToken.None);
            Assert.NotNull(unknown.AnyKind);
            return true;
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task A_count_agrees_with_the_search_and_is_asked_of_the_database_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        for (var i = 0; i < 3; i++) await new ListingBuilder(org).Titled($"Chaise pliante n° {i}").SaveAsync(app);

        await app.WithDbAsync(async (_, services) =>
        {
            var facets = services.GetRequiredService<ListingFacets>();
            var query = new ListingQuery { Text = "chaise", PageSize = 1 };
            var total = (await services.GetRequiredService<ListingSearch>().SearchAsync(query)).Total;
            Assert.Equal(3, total);
            Assert.Equal(total, await facets.CountAsync(query with { Page = 7, Sort = ListingSort.Newest }, CancellationToken.None));

            facets.Remember(query, 42);   // a total the page already has is not asked again
            Assert.Equal(42, await facets.CountAsync(query with { PageSize = 20 }, CancellationToken.None));
            return true;
        });
    }
}
