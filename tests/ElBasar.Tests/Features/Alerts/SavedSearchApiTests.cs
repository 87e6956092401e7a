using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ElBasar.Tests.Features.Alerts;

public sealed class SavedSearchApiTests
{
    [SkippableTheory, BothDatabases]
    public async Task Saved_searches_are_listed_created_and_deleted_by_their_owner_only(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");
        var dominique = await Alerting.PersonAsync(app, "dominique@example.org", "Dominique Durand");

        var saved = await camille.SaveAsync("Vélos cargo à Lille", new { q = "vélo cargo", kind = "offer", category = new[] { "mobility" }, commune = "59350", radiusKm = 10 }, "daily");

        var list = await camille.Client.GetFromJsonAsync<List<Alerting.SavedSearchDto>>("/api/v1/me/saved-searches");
        var only = Assert.Single(list!);
        Assert.Equal(saved.Id, only.Id);
        Assert.Equal("daily", only.Frequency);
        Assert.Equal("vélo cargo", only.Query.GetProperty("q").GetString());
        Assert.Equal("mobility", only.Query.GetProperty("category")[0].GetString());
        Assert.Equal(10, only.Query.GetProperty("radiusKm").GetDouble());
        Assert.Empty((await dominique.Client.GetFromJsonAsync<List<Alerting.SavedSearchDto>>("/api/v1/me/saved-searches"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await dominique.Client.DeleteAsync($"/api/v1/me/saved-searches/{saved.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await camille.Client.DeleteAsync($"/api/v1/me/saved-searches/{saved.Id}")).StatusCode);
        Assert.Empty((await camille.Client.GetFromJsonAsync<List<Alerting.SavedSearchDto>>("/api/v1/me/saved-searches"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await camille.Client.DeleteAsync($"/api/v1/me/saved-searches/{saved.Id}")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Without_signing_in_the_api_answers_401_and_bad_fields_are_named_in_a_400(string provider)
    {
        await using var app = await Alerting.StartAsync(provider);
        var visitor = app.CreateClient();
        var unauthorized = await visitor.GetAsync("/api/v1/me/saved-searches");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("application/problem+json", unauthorized.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "x", query = new { }, frequency = "daily" })).StatusCode);
        var camille = await Alerting.PersonAsync(app, "camille@example.org");

        var bad = await camille.Client.PostAsJsonAsync("/api/v1/me/saved-searches",
            new { name = " ", query = new { kind = "gift", category = new[] { "nope" }, radiusKm = 5 }, frequency = "hourly" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["frequency", "name", "query.category", "query.kind", "query.radiusKm"], problem!.Errors.Keys.Order());
        Assert.Contains("instant", problem.Errors["frequency"][0]);
        var noQuery = await camille.Client.PostAsJsonAsync("/api/v1/me/saved-searches", new { name = "Tout", frequency = "weekly" });
        Assert.Equal(["query"], (await noQuery.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);
    }
}
