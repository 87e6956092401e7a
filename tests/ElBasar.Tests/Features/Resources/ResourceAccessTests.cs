using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Resources;

namespace ElBasar.Tests.Features.Resources;

/// <summary>Members-only resources are for the people of member organisations and the staff, on the pages, the files and the API.</summary>
public sealed class ResourceAccessTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_members_only_resource_is_hidden_from_visitors_and_non_members_and_shown_to_members(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var open = await Library.SaveAsync(app, "Guide de l'apéro itinérant", file: TestDocuments.Pdf());
        var closed = await Library.SaveAsync(app, "Compte rendu du comité d'animation", kind: ResourceKind.Minutes, audience: ResourceAudience.Members, file: TestDocuments.Pdf());
        var visitor = app.Browser();
        var outsider = await Library.PersonAsync(app, "passage@example.org", member: false);
        var member = await Library.PersonAsync(app, "camille@example.org");

        var visitorList = Html.VisibleText(await visitor.GetStringAsync("/ressources"));
        Assert.Contains("Guide de l'apéro itinérant", visitorList);
        Assert.DoesNotContain("Compte rendu du comité", visitorList);
        Assert.Contains("connectez-vous pour les voir", visitorList);
        var page = await visitor.GetAsync($"/ressources/{closed.Id}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/compte/connexion", page.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/ressources/{closed.Id}/fichier")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/ressources/{open.Id}/fichier")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/api/v1/resources/{closed.Id}")).StatusCode);
        Assert.Equal([open.Id], await IdsAsync(visitor, "/api/v1/resources"));

        Assert.DoesNotContain("Compte rendu du comité", await outsider.GetStringAsync("/ressources"));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/ressources/{closed.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/ressources/{closed.Id}/fichier")).StatusCode);

        Assert.Contains("Compte rendu du comité d'animation", Html.VisibleText(await member.GetStringAsync("/ressources")));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/ressources/{closed.Id}")).StatusCode);
        var file = await member.GetAsync($"/ressources/{closed.Id}/fichier");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Contains("private", file.Headers.CacheControl?.ToString());
        Assert.Equal(new[] { closed.Id, open.Id }.Order(), (await IdsAsync(member, "/api/v1/resources")).Order());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_api_filters_by_kind_and_theme_and_answers_bad_input_with_a_problem_naming_the_parameter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var energy = await Library.SaveAsync(app, "Étude sur la sobriété énergétique", kind: ResourceKind.Study, themes: ["energy", "housing"], date: new DateOnly(2026, 9, 1));
        var food = await Library.SaveAsync(app, "Guide de la cantine locale", themes: ["food"], date: new DateOnly(2026, 11, 2));
        var client = app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/resources");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        var first = all.GetProperty("items")[0];
        Assert.Equal(food.Id, first.GetProperty("id").GetGuid());   // newest first
        Assert.Equal("guide", first.GetProperty("kind").GetString());
        Assert.Equal("2026-11-02", first.GetProperty("date").GetString());
        Assert.Equal("public", first.GetProperty("audience").GetString());
        Assert.Equal("https://example.org/document", first.GetProperty("link").GetString());
        Assert.Equal([energy.Id], await IdsAsync(client, "/api/v1/resources?theme=housing"));
        Assert.Equal([energy.Id], await IdsAsync(client, "/api/v1/resources?kind=study"));
        Assert.Empty(await IdsAsync(client, "/api/v1/resources?kind=study&theme=food"));

        foreach (var (query, parameter) in new[] { ("kind=party", "kind"), ("theme=jardinage", "theme"), ($"q={new string('a', 201)}", "q") })
        {
            var bad = await client.GetAsync($"/api/v1/resources?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            var problem = await bad.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
            Assert.Equal([parameter], problem!.Errors.Keys);
        }

        var page = Html.VisibleText(await app.GetPageAsync("/ressources?theme=food"));
        Assert.Contains("Guide de la cantine locale", page);
        Assert.DoesNotContain("sobriété", page);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_resources_a_facilitator_added_are_in_her_data_export(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var facilitator = await Library.FacilitatorAsync(app);
        var link = new Dictionary<string, string>(Library.Fields("Guide du bénévolat")) { ["Input.Link"] = "https://example.org/benevolat" };
        Assert.Equal(HttpStatusCode.Redirect, (await Library.PostAsync(facilitator, "/ressources/nouvelle", link)).StatusCode);

        var export = JsonDocument.Parse(await facilitator.GetStringAsync("/compte/donnees?handler=Export")).RootElement;

        var added = Assert.Single(export.GetProperty("ressources").EnumerateArray());
        Assert.Equal("Guide du bénévolat", added.GetProperty("titre").GetString());
        Assert.Equal("guide", added.GetProperty("genre").GetString());
    }

    static async Task<List<Guid>> IdsAsync(HttpClient client, string url)
    {
        var list = await client.GetFromJsonAsync<JsonElement>(url);
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
