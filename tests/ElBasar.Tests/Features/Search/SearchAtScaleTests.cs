using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Search;

/// <summary>
/// What keeps a search bounded on a large database: the count stops at a limit, and past
/// <see cref="ListingSearch.CandidateLimit"/> matches the candidates come from windows of the
/// index, which must still bring the best listings to the first page.
/// </summary>
public sealed class SearchAtScaleTests
{
    static async Task<ListingPage> SearchAsync(TestApp app, string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/listings{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingPage>())!;
    }

    // Many listings in one save: a builder per listing would take seconds.
    static async Task AddManyAsync(TestApp app, Organization org, int count, string title, string? description, int daysAgo,
        (double Latitude, double Longitude)? point = null)
    {
        var network = await app.HomeNetworkIdAsync();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var listing = new Listing
                {
                    Title = title, Description = description, Category = "equipment", Kind = ListingKind.Offer,
                    NetworkId = network, OrganizationId = org.Id, Latitude = point?.Latitude, Longitude = point?.Longitude,
                    CreatedAt = FakeClock.Default.UtcDateTime.AddDays(-daysAgo), UpdatedAt = FakeClock.Default.UtcDateTime.AddDays(-daysAgo),
                };
                listing.SetModes(["loan"]);
                db.Listings.Add(listing);
            }
            await db.SaveChangesAsync();
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task Past_the_count_limit_the_total_says_at_least_that_many(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await AddManyAsync(app, org, ListingSearch.CountLimit + 1, "Tonnelle à prêter", null, 3);
        await new ListingBuilder(org).Titled("Escabeau 5 marches").SaveAsync(app);

        var many = await app.CreateClient().GetStringAsync("/api/v1/listings?q=tonnelle&pageSize=5");
        var one = await app.CreateClient().GetStringAsync("/api/v1/listings?q=escabeau&pageSize=5");

        Assert.Contains($"\"total\":{ListingSearch.CountLimit},", many);
        Assert.Contains("\"totalIsCapped\":true", many);
        Assert.Contains("\"total\":1,", one);
        Assert.DoesNotContain("totalIsCapped", one);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_search_past_the_count_limit_is_remembered_for_a_minute_and_a_smaller_count_never(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await AddManyAsync(app, org, ListingSearch.CountLimit + 1, "Tonnelle à prêter", null, 3);
        await new ListingBuilder(org).Titled("Escabeau 5 marches").SaveAsync(app);
        Assert.True((await SearchAsync(app, "?q=tonnelle&pageSize=5")).TotalIsCapped);
        Assert.Equal(1, (await SearchAsync(app, "?q=escabeau")).Total);

        await app.WithDbAsync(async db =>
        {
            var kept = await db.Listings.Where(l => l.Title == "Tonnelle à prêter").OrderBy(l => l.Id).Select(l => l.Id).Take(3).ToListAsync();
            await db.Listings.Where(l => l.Title == "Tonnelle à prêter" && !kept.Contains(l.Id)).ExecuteDeleteAsync();
        });
        await new ListingBuilder(org).Titled("Escabeau 3 marches").SaveAsync(app);

        var remembered = await SearchAsync(app, "?q=tonnelle&pageSize=5");
        Assert.True(remembered.TotalIsCapped);
        Assert.Equal(3, remembered.Items.Count);
        Assert.Equal(2, (await SearchAsync(app, "?q=escabeau")).Total);

        app.Clock.Advance(CrowdedSearches.Lifetime + TimeSpan.FromSeconds(1));
        var counted = await SearchAsync(app, "?q=tonnelle&pageSize=5");
        Assert.False(counted.TotalIsCapped);
        Assert.Equal(3, counted.Total);
    }

    [SkippableTheory, BothDatabases]
    public async Task Among_more_matches_than_are_ranked_the_listings_holding_every_word_still_come_first(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle pliante 3 x 3").CreatedDaysAgo(40).SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle pliante verte").CreatedDaysAgo(41).SaveAsync(app);
        await AddManyAsync(app, org, ListingSearch.CandidateLimit + 50, "Tonnelle à prêter", "Avec ses bâches.", 2);

        var page = await SearchAsync(app, "?q=tonnelle%20pliante&pageSize=5");

        Assert.Equal(["Tonnelle pliante 3 x 3", "Tonnelle pliante verte"], page.Items.Take(2).Select(i => i.Title));
    }

    [SkippableTheory, BothDatabases]
    public async Task Older_listings_with_the_word_in_their_title_outrank_many_newer_ones_with_it_in_their_text(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Percolateur de 100 tasses").CreatedDaysAgo(60).SaveAsync(app);
        await AddManyAsync(app, org, ListingSearch.CandidateLimit + 50, "Matériel pour buffet", "Tables, nappes et un percolateur.", 1);

        var page = await SearchAsync(app, "?q=percolateur&pageSize=5");

        Assert.Equal("Percolateur de 100 tasses", page.Items[0].Title);
        Assert.Equal(5, page.Items.Count);
    }

    [SkippableTheory, BothDatabases]
    public async Task Pages_past_the_ranked_candidates_go_on_without_overlap(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await AddManyAsync(app, org, ListingSearch.CandidateLimit + 50, "Escabeau en aluminium", null, 5);

        var seen = new HashSet<Guid>();
        for (var page = 1; page <= 5; page++)
        {
            var items = (await SearchAsync(app, $"?q=escabeau&pageSize=100&page={page}")).Items;
            Assert.Equal(page < 5 ? 100 : 50, items.Count);
            Assert.All(items, i => Assert.True(seen.Add(i.Id), $"{i.Id} came twice"));
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task In_a_crowded_circle_the_newest_and_the_nearest_are_found_without_sorting_the_crowd(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        // Lille's Grand-Place, and a crowd 5 km south, older than everything else.
        await AddManyAsync(app, org, ListingSearch.CountLimit + 10, "Chaise", null, 30, (50.5925, 3.0633));
        await new ListingBuilder(org).Titled("Escabeau tout neuf").At(50.6101, 3.0700).CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Établi sur la Grand-Place").At(50.6370, 3.0633).CreatedDaysAgo(10).SaveAsync(app);
        await new ListingBuilder(org).Titled("Tréteaux à Tourcoing").At(50.7239, 3.1612).CreatedDaysAgo(0).SaveAsync(app);

        var newest = await SearchAsync(app, "?lat=50.6370&lon=3.0633&radiusKm=10&pageSize=3");
        var nearest = await SearchAsync(app, "?lat=50.6370&lon=3.0633&radiusKm=10&pageSize=3&sort=nearest");

        Assert.True(newest.TotalIsCapped);
        Assert.Equal(["Escabeau tout neuf", "Établi sur la Grand-Place", "Chaise"], newest.Items.Select(i => i.Title));
        Assert.Equal(["Établi sur la Grand-Place", "Escabeau tout neuf", "Chaise"], nearest.Items.Select(i => i.Title));
        Assert.Equal(0, nearest.Items[0].DistanceKm);
    }

    [SkippableTheory, BothDatabases]
    public async Task Filters_follow_every_change_of_a_listing_and_of_its_modes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Remorque vélo").WithModes("loan").SaveAsync(app);

        await app.WithDbAsync(async db =>
        {
            var saved = await db.Listings.Include(l => l.ExchangeModes).SingleAsync(l => l.Id == listing.Id);
            saved.Category = "mobility";
            saved.Kind = ListingKind.Demand;
            saved.SetModes(["donation", "rental"]);
            await db.SaveChangesAsync();
        });

        Assert.Equal(1, (await SearchAsync(app, "?q=remorque&category=mobility&kind=demand&mode=donation")).Total);
        Assert.Equal(1, (await SearchAsync(app, "?category=mobility&market=true")).Total);
        Assert.Equal(0, (await SearchAsync(app, "?q=remorque&mode=loan")).Total);
        Assert.Equal(0, (await SearchAsync(app, "?q=remorque&category=equipment")).Total);

        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == listing.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Status, ListingStatus.Closed)));
        Assert.Equal(0, (await SearchAsync(app, "?q=remorque")).Total);
    }
}
