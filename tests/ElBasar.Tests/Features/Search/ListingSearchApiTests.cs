using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using Microsoft.AspNetCore.Http;

namespace ElBasar.Tests.Features.Search;

public sealed class ListingSearchApiTests
{
    static async Task<ListingPage> SearchAsync(TestApp app, string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/listings{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingPage>())!;
    }

    [SkippableTheory, BothDatabases]
    public async Task Plain_words_are_found_whatever_their_accents_and_case(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Révision de VÉLOS cargos").Described("Entretien complet.").SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion à prêter").Described(null).SaveAsync(app);

        var page = await SearchAsync(app, "?q=velos");

        Assert.Equal("Révision de VÉLOS cargos", Assert.Single(page.Items).Title);
        Assert.Equal(1, page.Total);
    }

    [SkippableTheory, BothDatabases]
    public async Task Title_matches_rank_above_description_matches(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Barnum pour fêtes").Described("Grande tonnelle de 6 mètres, avec bâches et poids.").CreatedDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle pliante").Described("Facile à monter.").CreatedDaysAgo(30).SaveAsync(app);

        var page = await SearchAsync(app, "?q=tonnelle");

        Assert.Equal(["Tonnelle pliante", "Barnum pour fêtes"], page.Items.Select(i => i.Title));
    }

    [SkippableTheory, BothDatabases]
    public async Task Listings_with_more_of_the_words_come_first_and_partial_matches_still_count(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Vélos d'occasion").Described("Révisés par nos soins.").SaveAsync(app);
        await new ListingBuilder(org).Titled("Réparation de vélos").Described("Atelier de réparation ouvert à tous.").SaveAsync(app);

        var page = await SearchAsync(app, "?q=r%C3%A9paration%20v%C3%A9los");

        Assert.Equal(2, page.Total);
        Assert.Equal("Réparation de vélos", page.Items[0].Title);
    }

    [SkippableTheory, BothDatabases]
    public async Task Without_text_the_newest_come_first_and_expired_closed_and_hidden_listings_never_appear(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Ancienne annonce").CreatedDaysAgo(20).SaveAsync(app);
        await new ListingBuilder(org).Titled("Nouvelle annonce").CreatedDaysAgo(2).SaveAsync(app);
        await new ListingBuilder(org).Titled("Annonce expirée").ExpiredDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(org).Titled("Annonce close").WithStatus(ListingStatus.Closed).SaveAsync(app);
        await new ListingBuilder(org).Titled("Annonce masquée").WithStatus(ListingStatus.Hidden).SaveAsync(app);
        await new ListingBuilder(org).Titled("Brouillon").WithStatus(ListingStatus.Draft).SaveAsync(app);

        var page = await SearchAsync(app, "");

        Assert.Equal(["Nouvelle annonce", "Ancienne annonce"], page.Items.Select(i => i.Title));
        var searched = await SearchAsync(app, "?q=annonce%20expir%C3%A9e%20close%20masqu%C3%A9e%20brouillon");
        Assert.Equal(["Nouvelle annonce", "Ancienne annonce"], searched.Items.Select(i => i.Title).Order().Reverse());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_hidden_organisation_takes_its_listings_out_of_search_and_of_the_api(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var hidden = await new OrganizationBuilder().Named("Structure masquée").SaveAsync(app);
        var listing = await new ListingBuilder(hidden).Titled("Tonnelle de la structure masquée").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            var org = await db.Organizations.FindAsync(hidden.Id);
            org!.Status = OrganizationStatus.Hidden;
            await db.SaveChangesAsync();
        });

        Assert.Equal(0, (await SearchAsync(app, "?q=tonnelle")).Total);
        Assert.Equal(0, (await SearchAsync(app, "")).Total);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Filters_narrow_the_set_by_kind_category_mode_and_market(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à prêter").WithModes("loan").SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à vendre").WithModes("sale").WithPrice(80).SaveAsync(app);
        await new ListingBuilder(org).Titled("Cherche une tonnelle").Demand().WithModes("loan", "rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Local pour une tonnelle").InCategory("premises").WithModes("rental").SaveAsync(app);

        Assert.Equal(["Cherche une tonnelle"], (await SearchAsync(app, "?q=tonnelle&kind=demand")).Items.Select(i => i.Title));
        Assert.Equal(3, (await SearchAsync(app, "?q=tonnelle&category=equipment")).Total);
        Assert.Equal(4, (await SearchAsync(app, "?q=tonnelle&category=equipment&category=premises")).Total);
        Assert.Equal(["Tonnelle à vendre"], (await SearchAsync(app, "?mode=sale")).Items.Select(i => i.Title));
        Assert.Equal(3, (await SearchAsync(app, "?mode=sale&mode=rental")).Total);
        Assert.Equal(3, (await SearchAsync(app, "?market=true")).Total);
        Assert.Equal(2, (await SearchAsync(app, "?market=false")).Total);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_radius_keeps_only_listings_within_that_distance_and_gives_each_its_distance(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lens = await new OrganizationBuilder().Named("Mine de rien").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);
        var lille = await new OrganizationBuilder().Named("Roue libre").SaveAsync(app);
        await new ListingBuilder(lens).Titled("Minibus 9 places").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Minibus pour sorties").SaveAsync(app);

        // Arras: Lens is about 17 km away, Lille about 45 km.
        var page = await SearchAsync(app, "?q=minibus&lat=50.291&lon=2.7775&radiusKm=25");

        var item = Assert.Single(page.Items);
        Assert.Equal("Minibus 9 places", item.Title);
        Assert.InRange(item.DistanceKm!.Value, 15, 19);
        Assert.Equal(2, (await SearchAsync(app, "?q=minibus&lat=50.291&lon=2.7775&radiusKm=60")).Total);
    }

    [SkippableTheory, BothDatabases]
    public async Task Pages_follow_one_another_without_overlap(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        for (var i = 1; i <= 5; i++) await new ListingBuilder(org).Titled($"Chaise pliante n° {i}").CreatedDaysAgo(i).SaveAsync(app);

        var first = await SearchAsync(app, "?q=chaise&pageSize=2");
        var third = await SearchAsync(app, "?q=chaise&pageSize=2&page=3");

        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Single(third.Items);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(third.Items.Select(i => i.Id)));

        // Without words the page is read in date order, asking the database for a few more rows than a small page holds.
        var newest = await SearchAsync(app, "?pageSize=2");
        var oldest = await SearchAsync(app, "?pageSize=2&page=3");
        Assert.Equal(["Chaise pliante n° 1", "Chaise pliante n° 2"], newest.Items.Select(i => i.Title));
        Assert.Equal(["Chaise pliante n° 5"], oldest.Items.Select(i => i.Title));
    }

    [SkippableTheory]
    [InlineData("sqlite", "?kind=gift", "kind")]
    [InlineData("sqlite", "?category=boats", "category")]
    [InlineData("sqlite", "?mode=theft", "mode")]
    [InlineData("sqlite", "?market=perhaps", "market")]
    [InlineData("sqlite", "?radiusKm=10", "radiusKm")]
    [InlineData("sqlite", "?lat=50.6", "lon")]
    [InlineData("sqlite", "?lat=91&lon=3", "lat")]
    [InlineData("sqlite", "?lat=50&lon=3&radiusKm=-4", "radiusKm")]
    [InlineData("sqlite", "?pageSize=1000", "pageSize")]
    [InlineData("sqlite", "?page=0", "page")]
    [InlineData("sqlite", "?page=abc", "page")]
    [InlineData("postgresql", "?pageSize=1000", "pageSize")]
    [InlineData("postgresql", "?category=boats", "category")]
    public async Task A_bad_parameter_answers_400_problem_json_naming_it(string provider, string query, string parameter)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync($"/api/v1/listings{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Contains(parameter, problem!.Errors.Keys);
    }

    public static TheoryData<string, string> StrangeTexts()
    {
        var data = new TheoryData<string, string>();
        string[] texts = ["\"", "*", "NEAR(", "tonnelle\" OR \"", "a:b", "-", "(((", "'; DROP TABLE listings; --", "l'", "&|!", "^ $ { } [ ]",
            "\u0000", "😀 vélo", new string('é', 3000), string.Join(' ', Enumerable.Repeat("mot", 400))];
        foreach (var provider in new[] { "sqlite", "postgresql" })
            foreach (var text in texts) data.Add(provider, text);
        return data;
    }

    [SkippableTheory, MemberData(nameof(StrangeTexts))]
    public async Task No_query_text_however_strange_causes_an_error(string provider, string text)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).SaveAsync(app);

        var response = await app.CreateClient().GetAsync($"/api/v1/listings?q={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
