using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Listings.Publishing;

public sealed class PublishingApiTests
{
    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.ToDictionary();
    }

    [SkippableTheory, BothDatabases]
    public async Task Two_organisations_publish_edit_and_close_their_own_listings_and_not_each_other(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var roueLibre = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var jardins = await new OrganizationBuilder().Named("Jardins de Fives").In("59350", "Lille", 50.63, 3.09).SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: roueLibre.Id);
        var sacha = await People.CreateAsync(app, "sacha@example.org", organizationId: jardins.Id, organizationRole: OrganizationRole.Editor);

        var created = await camille.Api.PostAsJsonAsync("/api/v1/listings", People.Body(roueLibre.Id, "Tonnelle à prêter"));
        var theirs = await sacha.Api.PostAsJsonAsync("/api/v1/listings", People.Body(jardins.Id, "Bêches à prêter"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        var mine = (await JsonAsync(created)).GetProperty("id").GetGuid();
        var other = (await JsonAsync(theirs)).GetProperty("id").GetGuid();

        var edited = await camille.Api.PatchAsync($"/api/v1/listings/{mine}", new { title = "Tonnelle 3x3 m à prêter" });
        var editOther = await camille.Api.PatchAsync($"/api/v1/listings/{other}", new { title = "Volée" });
        var closeOther = await sacha.Api.PostAsJsonAsync($"/api/v1/listings/{mine}/close", new { outcome = "withdrawn" });
        var closed = await sacha.Api.PostAsJsonAsync($"/api/v1/listings/{other}/close", new { outcome = "fulfilled" });
        var publishForOther = await sacha.Api.PostAsJsonAsync("/api/v1/listings", People.Body(roueLibre.Id));

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Tonnelle 3x3 m à prêter", (await JsonAsync(edited)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, editOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, closeOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publishForOther.StatusCode);
        Assert.Equal("application/problem+json", editOther.Content.Headers.ContentType?.MediaType);
        var closedJson = await JsonAsync(closed);
        Assert.Equal(("closed", "fulfilled"), (closedJson.GetProperty("status").GetString(), closedJson.GetProperty("outcome").GetString()));
        var listings = await app.WithDbAsync((db, _) => db.Listings.OrderBy(l => l.Title).ToListAsync());
        Assert.Equal(["Bêches à prêter", "Tonnelle 3x3 m à prêter"], listings.Select(l => l.Title));
        Assert.Equal((ListingStatus.Closed, ListingOutcome.Fulfilled, sacha.Id), (listings[0].Status, listings[0].ClosedOutcome, listings[0].UpdatedById));
        Assert.Equal((ListingStatus.Published, camille.Id, camille.Id), (listings[1].Status, listings[1].CreatedById, listings[1].UpdatedById));
        var search = await app.CreateClient().GetStringAsync("/api/v1/listings");
        Assert.Contains("Tonnelle 3x3 m", search);
        Assert.DoesNotContain("Bêches", search);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_new_listing_answers_201_with_its_location_url_and_the_organisation_place_for_three_months(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().In("59350", "Lille", 50.6292, 3.0573).SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);

        var response = await camille.Api.PostAsJsonAsync("/api/v1/listings", People.Body(organization.Id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await JsonAsync(response);
        var id = json.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/listings/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"http://localhost/annonces/{id}", json.GetProperty("url").GetString());
        Assert.Equal("published", json.GetProperty("status").GetString());
        Assert.Equal(("59350", "Lille"), (json.GetProperty("communeInsee").GetString(), json.GetProperty("commune").GetString()));
        Assert.Equal((50.6292, 3.0573), (json.GetProperty("latitude").GetDouble(), json.GetProperty("longitude").GetDouble()));
        Assert.Equal(app.Clock.Now.UtcDateTime.AddMonths(3), json.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        var read = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/listings/{id}"));
        Assert.Equal($"http://localhost/annonces/{id}", read.GetProperty("url").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task Another_commune_a_point_a_price_and_a_date_are_taken_as_given(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var body = People.Body(organization.Id);
        (body["exchangeModes"], body["price"], body["communeInsee"], body["latitude"], body["longitude"], body["expiresAt"]) =
            (new[] { "rental", "loan" }, 12.5, "62498", 50.43, 2.83, "2027-01-31");

        var json = await JsonAsync(await camille.Api.PostAsJsonAsync("/api/v1/listings", body));

        Assert.Equal(12.5m, json.GetProperty("price").GetDecimal());
        Assert.Equal(("62498", "Lens"), (json.GetProperty("communeInsee").GetString(), json.GetProperty("commune").GetString()));
        Assert.Equal((50.43, 2.83), (json.GetProperty("latitude").GetDouble(), json.GetProperty("longitude").GetDouble()));
        // The end of that day in Paris.
        Assert.Equal(new DateTime(2027, 1, 31, 22, 59, 59, DateTimeKind.Utc), json.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
    }

    [SkippableTheory, BothDatabases]
    public async Task Invalid_fields_answer_400_naming_each_field_in_french(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var body = People.Body(organization.Id, title: new string('a', 121));
        (body["kind"], body["description"], body["category"], body["exchangeModes"], body["price"], body["communeInsee"], body["latitude"], body["expiresAt"]) =
            ("vente", new string('b', 5001), "licornes", Array.Empty<string>(), -3, "99999", 50.4, "2020-01-01");

        var errors = await ErrorsAsync(await camille.Api.PostAsJsonAsync("/api/v1/listings", body));

        Assert.Equal(["category", "communeInsee", "description", "exchangeModes", "expiresAt", "kind", "longitude", "price", "title"], errors.Keys.Order());
        Assert.Contains("120 caractères", errors["title"][0]);
        Assert.Contains("5 000 caractères", errors["description"][0].Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Contains("« licornes » n'existe pas", errors["category"][0]);
        Assert.Contains("au moins un mode", errors["exchangeModes"][0]);
        Assert.Contains("négatif", errors["price"][0]);
        Assert.Contains("« 99999 »", errors["communeInsee"][0]);
        Assert.Contains("dans le futur", errors["expiresAt"][0]);
        Assert.Contains("latitude et la longitude", errors["longitude"][0]);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Listings.CountAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_price_needs_a_market_mode_and_an_expiry_is_at_most_a_year_away(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var body = People.Body(organization.Id);
        (body["price"], body["expiresAt"]) = (10, "2027-11-21");

        var errors = await ErrorsAsync(await camille.Api.PostAsJsonAsync("/api/v1/listings", body));

        Assert.Contains("vente, une location ou une prestation", errors["price"][0]);
        Assert.Contains("au plus un an", errors["expiresAt"][0]);
        body["expiresAt"] = "2027-11-20";
        body["exchangeModes"] = new[] { "sale" };
        Assert.Equal(HttpStatusCode.Created, (await camille.Api.PostAsJsonAsync("/api/v1/listings", body)).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Malformed_json_and_fields_of_the_wrong_type_answer_400_never_500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(organization).SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

        var cases = new (string Method, string Path, string Body, string Field)[]
        {
            ("POST", "/api/v1/listings", "{\"title\": ", "body"),
            ("POST", "/api/v1/listings", "[1, 2]", "body"),
            ("POST", "/api/v1/listings", "", "body"),
            ("POST", "/api/v1/listings", "{\"organizationId\": \"pas-un-id\"}", "organizationId"),
            ("POST", "/api/v1/listings", $"{{\"organizationId\": \"{organization.Id}\", \"title\": 42}}", "title"),
            ("POST", "/api/v1/listings", $"{{\"organizationId\": \"{organization.Id}\", \"exchangeModes\": \"loan\"}}", "exchangeModes"),
            ("POST", "/api/v1/listings", $"{{\"organizationId\": \"{organization.Id}\", \"price\": {{}}}}", "price"),
            ("PATCH", $"/api/v1/listings/{listing.Id}", "{nope}", "body"),
            ("PATCH", $"/api/v1/listings/{listing.Id}", "{\"latitude\": true}", "latitude"),
            ("PATCH", $"/api/v1/listings/{listing.Id}", "{\"price\": \"douze\"}", "price"),
            ("PATCH", $"/api/v1/listings/{listing.Id}", "{\"title\": \"\\u0000\"}", "title"),
            ("POST", $"/api/v1/listings/{listing.Id}/close", "{\"outcome\": \"vendue\"}", "outcome"),
            ("POST", $"/api/v1/listings/{listing.Id}/close", "\"fulfilled\"", "body"),
        };
        foreach (var (method, path, body, field) in cases)
        {
            var response = await camille.Api.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Raw(body) });
            var errors = await ErrorsAsync(response);
            Assert.True(errors.ContainsKey(field), $"{method} {path} {body}: {string.Join(", ", errors.Keys)}");
        }
        Assert.Equal("Prêt d'une tonnelle 3x3 m", await app.WithDbAsync((db, _) => db.Listings.Select(l => l.Title).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Patch_changes_the_fields_given_clears_those_set_to_null_and_never_moves_a_listing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var elsewhere = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var listing = await new ListingBuilder(organization).WithModes("rental").WithPrice(30).SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        await Directory.SignedIn.AddAsync(app, elsewhere.Id, camille.Id, OrganizationRole.Owner);

        var moved = await camille.Api.PatchAsync($"/api/v1/listings/{listing.Id}", new { organizationId = elsewhere.Id, title = "Déplacée" });
        var same = await camille.Api.PatchAsync($"/api/v1/listings/{listing.Id}", new { organizationId = organization.Id, price = (decimal?)null, kind = "demand" });

        Assert.Contains("ne change pas de structure", (await ErrorsAsync(moved))["organizationId"][0]);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var saved = await app.WithDbAsync((db, _) => db.Listings.Include(l => l.ExchangeModes).SingleAsync());
        Assert.Equal(("Prêt d'une tonnelle 3x3 m", organization.Id, (decimal?)null, ListingKind.Demand),
            (saved.Title, saved.OrganizationId, saved.Price, saved.Kind));
        Assert.Equal(["rental"], saved.ExchangeModes.Select(m => m.Mode));
        Assert.Equal("À venir chercher sur place, du lundi au vendredi.", saved.Description);
    }

    [SkippableTheory, BothDatabases]
    public async Task Me_gives_the_account_its_roles_and_its_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var roueLibre = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var jardins = await new OrganizationBuilder().Named("Jardins de Fives").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", role: "facilitator", organizationId: roueLibre.Id);
        await Directory.SignedIn.AddAsync(app, jardins.Id, camille.Id, OrganizationRole.Editor);

        var me = await JsonAsync(await camille.Api.GetAsync("/api/v1/me"));
        var viaCookie = await camille.Browser.GetAsync("/api/v1/me");
        var anonymous = await app.Browser().GetAsync("/api/v1/me");

        Assert.Equal(camille.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(("Camille Martin", "camille@example.org"), (me.GetProperty("name").GetString(), me.GetProperty("email").GetString()));
        Assert.Equal(["facilitator", "member"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([(roueLibre.Id, "Atelier Roue Libre", "owner"), (jardins.Id, "Jardins de Fives", "editor")],
            me.GetProperty("organizations").EnumerateArray().Select(o => (o.GetProperty("id").GetGuid(), o.GetProperty("name").GetString(), o.GetProperty("role").GetString())));
        Assert.Equal(HttpStatusCode.OK, viaCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Urls_use_the_configured_site_address(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Site:BaseUrl"] = "https://elbasar.example.org/" });
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(organization).SaveAsync(app);

        var one = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/listings/{listing.Id}"));
        var list = await JsonAsync(await app.CreateClient().GetAsync("/api/v1/listings"));

        Assert.Equal($"https://elbasar.example.org/annonces/{listing.Id}", one.GetProperty("url").GetString());
        Assert.Equal($"https://elbasar.example.org/annonces/{listing.Id}", list.GetProperty("items")[0].GetProperty("url").GetString());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_openapi_document_describes_the_writes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await JsonAsync(response)).GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/listings").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/listings/{id}").TryGetProperty("patch", out _));
        Assert.True(paths.GetProperty("/api/v1/listings/{id}/close").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/me").TryGetProperty("get", out _));
    }
}
