using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;
using Microsoft.AspNetCore.Mvc;

namespace ElBasar.Tests.Features.Listings;

public sealed class ListingApiTests
{
    [SkippableTheory, BothDatabases]
    public async Task One_listing_is_read_with_its_category_modes_organisation_and_place(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var listing = await new ListingBuilder(org).WithExternalId("lst-40").Titled("Tonnelle 3x3 m")
            .InCategory("equipment").WithModes("loan", "rental").WithPrice(80).SaveAsync(app);

        var response = await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var json = document.RootElement;
        Assert.Equal(listing.Id, json.GetProperty("id").GetGuid());
        Assert.Equal("lst-40", json.GetProperty("externalId").GetString());
        Assert.Equal("offer", json.GetProperty("kind").GetString());
        Assert.Equal("Tonnelle 3x3 m", json.GetProperty("title").GetString());
        Assert.Equal("equipment", json.GetProperty("category").GetString());
        Assert.Equal(["loan", "rental"], json.GetProperty("exchangeModes").EnumerateArray().Select(m => m.GetString()).Order());
        Assert.Equal(80m, json.GetProperty("price").GetDecimal());
        Assert.Equal(org.Id, json.GetProperty("organization").GetProperty("id").GetGuid());
        Assert.Equal("Atelier Roue Libre", json.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("Lille", json.GetProperty("commune").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task A_demand_reads_as_a_demand(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).Demand().SaveAsync(app);

        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/api/v1/listings/{listing.Id}"));

        Assert.Equal("demand", document.RootElement.GetProperty("kind").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task Hidden_draft_and_unknown_listings_answer_404_problem_json(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var hidden = await new ListingBuilder(org).WithStatus(ListingStatus.Hidden).SaveAsync(app);
        var draft = await new ListingBuilder(org).WithStatus(ListingStatus.Draft).SaveAsync(app);
        var client = app.CreateClient();

        foreach (var id in new[] { hidden.Id, draft.Id, Guid.NewGuid() })
        {
            var response = await client.GetAsync($"/api/v1/listings/{id}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(404, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
        }
    }
}
