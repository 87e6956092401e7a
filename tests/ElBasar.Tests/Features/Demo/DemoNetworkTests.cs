using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Demo;

public sealed class DemoNetworkTests
{
    static readonly Dictionary<string, string?> WithDemo = new() { ["Demo:Seed"] = "true" };

    static async Task<int> OrganizationTotalAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/organizations?pageSize=1{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrganizationPage>())!.Total;
    }

    static async Task<int> ListingTotalAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/listings?pageSize=1{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingPage>())!.Total;
    }

    [SkippableTheory, BothDatabases]
    public async Task A_fresh_database_gets_a_living_demo_network_covering_the_whole_taxonomy(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithDemo);
        var client = app.CreateClient();

        Assert.InRange(await OrganizationTotalAsync(client), 30, int.MaxValue);
        Assert.InRange(await OrganizationTotalAsync(client, "&member=true"), 1, int.MaxValue);
        // Only live listings are counted: the demo's dates are moved relative to the site's clock.
        Assert.InRange(await ListingTotalAsync(client), 150, int.MaxValue);
        Assert.InRange(await ListingTotalAsync(client, "&kind=offer"), 1, int.MaxValue);
        Assert.InRange(await ListingTotalAsync(client, "&kind=demand"), 1, int.MaxValue);
        var taxonomy = Taxonomy.LoadEmbedded();
        foreach (var category in taxonomy.Categories)
            Assert.True(await ListingTotalAsync(client, $"&category={category.Slug}") > 0, $"no demo listing in the category {category.Slug}");
        foreach (var mode in taxonomy.ExchangeModes)
            Assert.True(await ListingTotalAsync(client, $"&mode={mode.Slug}") > 0, $"no demo listing with the mode {mode.Slug}");
    }

    [SkippableTheory, BothDatabases]
    public async Task The_demo_listings_look_recent_whatever_the_day_the_site_starts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithDemo);

        var newest = (await app.CreateClient().GetFromJsonAsync<ListingPage>("/api/v1/listings?pageSize=1"))!.Items.Single();

        var age = app.Clock.GetUtcNow().UtcDateTime - newest.CreatedAt;
        Assert.InRange(age, TimeSpan.Zero, TimeSpan.FromDays(1));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_demo_network_answers_a_plain_search(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithDemo);
        var client = app.CreateClient();

        Assert.InRange(await ListingTotalAsync(client, "&q=v%C3%A9lo"), 1, int.MaxValue);
        Assert.InRange(await OrganizationTotalAsync(client, "&q=velo"), 1, int.MaxValue);
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_second_start_on_the_same_database_does_not_load_the_demo_again(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithDemo);
        var organizations = await OrganizationTotalAsync(app.CreateClient());
        var listings = await ListingTotalAsync(app.CreateClient());
        // Undo part of the demo: a new load (matched on external ids) would bring it back.
        var (removed, renamed) = await app.WithDbAsync(async (db, _) =>
        {
            var listing = await db.Listings.Include(l => l.ExchangeModes).OrderBy(l => l.ExternalId).FirstAsync();
            db.Listings.Remove(listing);
            var organization = await db.Organizations.OrderBy(o => o.ExternalId).FirstAsync();
            organization.Name = "Renommée après la démo";
            await db.SaveChangesAsync();
            return (listing.Id, organization.Id);
        });

        // Another site on the same database and settings: its start-up runs the seeds again.
        await using var again = app.WithWebHostBuilder(_ => { });
        var client = again.CreateClient();

        Assert.Equal(organizations, await OrganizationTotalAsync(client));
        Assert.Equal(listings - 1, await ListingTotalAsync(client));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/listings/{removed}")).StatusCode);
        var organization = await client.GetFromJsonAsync<OrganizationDetails>($"/api/v1/organizations/{renamed}");
        Assert.Equal("Renommée après la démo", organization!.Name);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_demo_is_not_loaded_into_a_database_that_already_has_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);

        await using var withDemo = app.WithWebHostBuilder(b => b.UseSetting("Demo:Seed", "true"));
        var client = withDemo.CreateClient();

        Assert.Equal(1, await OrganizationTotalAsync(client));
        Assert.Equal(0, await ListingTotalAsync(client));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_database_still_empty_gets_the_demo_when_the_site_next_starts_with_it(string provider)
    {
        // Also shows that a second start on the same database does run the seeds (the two tests above rely on it).
        await using var app = await TestApp.StartAsync(provider);

        await using var withDemo = app.WithWebHostBuilder(b => b.UseSetting("Demo:Seed", "true"));

        Assert.InRange(await OrganizationTotalAsync(withDemo.CreateClient()), 30, int.MaxValue);
    }

    [SkippableTheory, BothDatabases]
    public async Task Without_the_demo_setting_a_fresh_database_stays_empty(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Demo:Seed"] = "false" });
        var client = app.CreateClient();

        Assert.Equal(0, await OrganizationTotalAsync(client));
        Assert.Equal(0, await ListingTotalAsync(client));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Organizations.CountAsync()));
    }
}
