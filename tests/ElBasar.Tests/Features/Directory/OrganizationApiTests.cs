using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ElBasar.Tests.Features.Directory;

public sealed class OrganizationApiTests
{
    static async Task<OrganizationPage> SearchAsync(TestApp app, string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/organizations{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrganizationPage>())!;
    }

    static async Task<IEnumerable<string>> NamesAsync(TestApp app, string query) =>
        (await SearchAsync(app, query)).Items.Select(i => i.Name).Order(StringComparer.Ordinal);

    [SkippableTheory, BothDatabases]
    public async Task The_directory_answers_in_the_paging_envelope_with_each_organisation_public_fields(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var member = await new OrganizationBuilder().Named("Atelier Roue Libre").WithExternalId("org-1").WithLegalForm("association").SaveAsync(app);
        await new OrganizationBuilder().Named("Coop des Faubourgs").WithExternalId("org-2").WithLegalForm("scop").NotMember().SaveAsync(app);

        var response = await app.CreateClient().GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var json = document.RootElement;
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(20, json.GetProperty("pageSize").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var first = items.Single(i => i.GetProperty("externalId").GetString() == "org-1");
        Assert.Equal(member.Id, first.GetProperty("id").GetGuid());
        Assert.Equal("Atelier Roue Libre", first.GetProperty("name").GetString());
        Assert.Equal("organization", first.GetProperty("kind").GetString());
        Assert.Equal("association", first.GetProperty("legalForm").GetString());
        Assert.Equal("Lille", first.GetProperty("commune").GetString());
        Assert.True(first.GetProperty("member").GetBoolean());
        var second = items.Single(i => i.GetProperty("externalId").GetString() == "org-2");
        Assert.Equal("scop", second.GetProperty("legalForm").GetString());
        Assert.False(second.GetProperty("member").GetBoolean());
    }

    [SkippableTheory, BothDatabases]
    public async Task Words_find_organisations_by_name_whatever_the_accents_and_by_activity(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Épicerie Solidaire des Moulins").WithActivities("aide alimentaire").SaveAsync(app);
        await new OrganizationBuilder().Named("Atelier Roue Libre").WithActivities("réparation de vélos", "vélo-école").SaveAsync(app);
        await new OrganizationBuilder().Named("Théâtre du Prato").WithActivities("spectacle vivant").SaveAsync(app);

        Assert.Equal(["Épicerie Solidaire des Moulins"], await NamesAsync(app, "?q=epicerie"));
        Assert.Equal(["Épicerie Solidaire des Moulins"], await NamesAsync(app, "?q=%C3%89PICERIE"));
        Assert.Equal(["Théâtre du Prato"], await NamesAsync(app, "?q=theatre"));
        Assert.Equal(["Atelier Roue Libre"], await NamesAsync(app, "?q=velos"));
        Assert.Equal(["Atelier Roue Libre"], await NamesAsync(app, "?q=r%C3%A9paration"));
        Assert.Empty(await NamesAsync(app, "?q=piscine"));

        // Without words, the page's activities are read after the names: the same activities, in their order.
        var everyone = await SearchAsync(app, "");
        Assert.Equal(["Atelier Roue Libre", "Épicerie Solidaire des Moulins", "Théâtre du Prato"], everyone.Items.Select(i => i.Name));
        Assert.Equal(["réparation de vélos", "vélo-école"], everyone.Items[0].Activities);
        Assert.Equal(["spectacle vivant"], everyone.Items[2].Activities);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_name_match_ranks_above_an_activity_match(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Atelier Roue Libre").WithActivities("vélo-école").SaveAsync(app);
        await new OrganizationBuilder().Named("Vélo Cité").WithActivities("plaidoyer").SaveAsync(app);

        var page = await SearchAsync(app, "?q=velo");

        Assert.Equal(["Vélo Cité", "Atelier Roue Libre"], page.Items.Select(i => i.Name));
    }

    [SkippableTheory, BothDatabases]
    public async Task Filters_keep_a_legal_form_a_territory_or_the_non_members(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Atelier Roue Libre").WithLegalForm("association").SaveAsync(app);
        await new OrganizationBuilder().Named("Coop Roubaisienne").WithLegalForm("scop").In("59512", "Roubaix", 50.6942, 3.1746).SaveAsync(app);
        await new OrganizationBuilder().Named("Artois Solidaire").WithLegalForm("scic").In("62041", "Arras", 50.291, 2.7775).NotMember().SaveAsync(app);

        Assert.Equal(["Coop Roubaisienne"], await NamesAsync(app, "?legalForm=scop"));
        Assert.Equal(["Artois Solidaire"], await NamesAsync(app, "?territory=62"));
        Assert.Equal(["Atelier Roue Libre", "Coop Roubaisienne"], await NamesAsync(app, "?territory=59"));
        // Métropole Européenne de Lille (EPCI, SIREN 200093201): Lille and Roubaix, not Arras.
        Assert.Equal(["Atelier Roue Libre", "Coop Roubaisienne"], await NamesAsync(app, "?territory=200093201"));
        Assert.Equal(["Coop Roubaisienne"], await NamesAsync(app, "?territory=59512"));
        Assert.Equal(["Artois Solidaire"], await NamesAsync(app, "?member=false"));
        Assert.Equal(["Atelier Roue Libre", "Coop Roubaisienne"], await NamesAsync(app, "?member=true"));
        Assert.Equal(["Coop Roubaisienne"], await NamesAsync(app, "?territory=200093201&legalForm=scop"));
    }

    [SkippableTheory, BothDatabases]
    public async Task Pages_follow_one_another_without_overlap(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        for (var i = 1; i <= 5; i++) await new OrganizationBuilder().Named($"Structure n° {i}").SaveAsync(app);

        var first = await SearchAsync(app, "?pageSize=2");
        var third = await SearchAsync(app, "?pageSize=2&page=3");

        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.PageSize);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(3, third.Page);
        Assert.Single(third.Items);
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(third.Items.Select(i => i.Id)));
    }

    [SkippableTheory]
    [InlineData("sqlite", "?pageSize=1000", "pageSize")]
    [InlineData("sqlite", "?pageSize=0", "pageSize")]
    [InlineData("sqlite", "?page=0", "page")]
    [InlineData("sqlite", "?page=abc", "page")]
    [InlineData("sqlite", "?legalForm=nope", "legalForm")]
    [InlineData("sqlite", "?member=perhaps", "member")]
    [InlineData("sqlite", "?territory=00000", "territory")]
    [InlineData("sqlite", "?territory=nulle-part", "territory")]
    [InlineData("postgresql", "?pageSize=1000", "pageSize")]
    [InlineData("postgresql", "?legalForm=nope", "legalForm")]
    public async Task A_bad_parameter_answers_400_problem_json_naming_it(string provider, string query, string parameter)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync($"/api/v1/organizations{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Contains(parameter, problem!.Errors.Keys);
    }

    [SkippableTheory, BothDatabases]
    public async Task One_organisation_is_read_with_its_profile_and_whether_it_is_a_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var member = await new OrganizationBuilder().Named("Atelier Roue Libre").WithExternalId("org-1")
            .WithActivities("réparation de vélos", "vélo-école").SaveAsync(app);
        var outsider = await new OrganizationBuilder().Named("Artois Solidaire").WithLegalForm("scic")
            .In("62041", "Arras", 50.291, 2.7775).NotMember().SaveAsync(app);
        var client = app.CreateClient();

        using (var document = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/organizations/{member.Id}")))
        {
            var json = document.RootElement;
            Assert.Equal(member.Id, json.GetProperty("id").GetGuid());
            Assert.Equal("org-1", json.GetProperty("externalId").GetString());
            Assert.Equal("Atelier Roue Libre", json.GetProperty("name").GetString());
            Assert.Equal("organization", json.GetProperty("kind").GetString());
            Assert.Equal("association", json.GetProperty("legalForm").GetString());
            Assert.Equal("Lille", json.GetProperty("commune").GetString());
            Assert.Equal(["réparation de vélos", "vélo-école"], json.GetProperty("activities").EnumerateArray().Select(a => a.GetString()));
            Assert.True(json.GetProperty("member").GetBoolean());
        }
        using (var document = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/organizations/{outsider.Id}")))
        {
            var json = document.RootElement;
            Assert.Equal("scic", json.GetProperty("legalForm").GetString());
            Assert.Equal("Arras", json.GetProperty("commune").GetString());
            Assert.False(json.GetProperty("member").GetBoolean());
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task An_unknown_organisation_answers_404_problem_json(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync($"/api/v1/organizations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Status);
    }
}
