using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Http;
using static ElBasar.Tests.Features.Messaging.Messaging;

namespace ElBasar.Tests.Features.Messaging;

public sealed class MessagingApiTests
{
    static async Task<HttpClient> TokenClientAsync(TestApp app, string email)
    {
        var output = new StringWriter();
        Assert.Equal(0, await TokensCommand.RunAsync(app.Services, ["create", "--email", email], output, TextWriter.Null));
        return app.WithToken(output.ToString().Trim());
    }

    [SkippableTheory, BothDatabases]
    public async Task Without_an_account_the_conversations_api_answers_401_problem_json(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.Browser();
        foreach (var response in new[]
        {
            await client.PostAsJsonAsync("/api/v1/conversations", new { organizationId = Guid.NewGuid(), message = "Bonjour" }),
            await client.GetAsync("/api/v1/me/conversations"),
            await client.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/messages", new { message = "Bonjour" }),
        })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Bad_fields_answer_400_naming_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        await SignedIn.CreateUserAsync(app, "script@example.org");
        var api = await TokenClientAsync(app, "script@example.org");

        async Task<IDictionary<string, string[]>> ErrorsAsync(object body)
        {
            var response = await api.PostAsJsonAsync("/api/v1/conversations", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors;
        }

        Assert.Contains("listingId", (await ErrorsAsync(new { message = "Bonjour" })).Keys);
        Assert.Contains("listingId", (await ErrorsAsync(new { listingId = Guid.NewGuid(), organizationId = receiver.Organization.Id, message = "Bonjour" })).Keys);
        Assert.Equal(["message"], (await ErrorsAsync(new { organizationId = receiver.Organization.Id, message = "  " })).Keys);
        Assert.Equal(["message"], (await ErrorsAsync(new { organizationId = receiver.Organization.Id, message = new string('a', 5001) })).Keys);
        Assert.Equal(["listingId"], (await ErrorsAsync(new { listingId = Guid.NewGuid(), message = "Bonjour" })).Keys);
        Assert.Equal(["organizationId"], (await ErrorsAsync(new { organizationId = Guid.NewGuid(), message = "Bonjour" })).Keys);
        Assert.Equal(0, await CountAsync(app));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_conversation_is_started_listed_and_answered_through_the_api_by_its_parties_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var receiver = await ReceiverAsync(app);
        var listing = await new ListingBuilder(receiver.Organization).Titled("Broyeur de végétaux").SaveAsync(app);
        var mine = await new OrganizationBuilder().Named("Coop des Faubourgs").SaveAsync(app);
        var notMine = await new OrganizationBuilder().Named("Ressourcerie du Nord").SaveAsync(app);
        var personId = await SignedIn.CreateUserAsync(app, "script@example.org", "Noa Script");
        await SignedIn.AddAsync(app, mine.Id, personId, OrganizationRole.Owner);
        var api = await TokenClientAsync(app, "script@example.org");
        var strangerId = await SignedIn.CreateUserAsync(app, "stranger@example.org");
        await SignedIn.AddAsync(app, notMine.Id, strangerId, OrganizationRole.Owner);
        var stranger = await TokenClientAsync(app, "stranger@example.org");

        var forbidden = await api.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, asOrganizationId = notMine.Id, message = "Bonjour" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);

        var created = await api.PostAsJsonAsync("/api/v1/conversations", new { listingId = listing.Id, asOrganizationId = mine.Id, message = "Est-il encore disponible ?" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conversation = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = conversation.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/conversations/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("Broyeur de végétaux", conversation.GetProperty("subject").GetString());
        Assert.Equal("Coop des Faubourgs", conversation.GetProperty("starter").GetProperty("name").GetString());
        Assert.Equal("Est-il encore disponible ?", conversation.GetProperty("messages")[0].GetProperty("body").GetString());

        var ownerList = await receiver.Owner.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations");
        var line = Assert.Single(ownerList.EnumerateArray());
        Assert.Equal((id, 1, "receiver"), (line.GetProperty("id").GetGuid(), line.GetProperty("unread").GetInt32(), line.GetProperty("side").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { message = "Coucou" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/conversations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/messages", new { message = "Coucou" })).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations")).EnumerateArray());
        var empty = await api.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { message = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("message", (await empty.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var answered = await receiver.Editor.PostAsJsonAsync($"/api/v1/conversations/{id}/messages", new { message = "Oui, jusqu'à vendredi." });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var answer = await answered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Sacha Éditrice", "Atelier Roue Libre", "receiver"),
            (answer.GetProperty("author").GetString(), answer.GetProperty("authorSide").GetString(), answer.GetProperty("side").GetString()));
        var mineList = await api.GetFromJsonAsync<JsonElement>("/api/v1/me/conversations");
        Assert.Equal(1, Assert.Single(mineList.EnumerateArray()).GetProperty("unread").GetInt32());
        var full = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{id}");
        Assert.Equal(2, full.GetProperty("messages").GetArrayLength());
        Assert.DoesNotContain("@", full.GetRawText().Replace("\"", ""));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_rate_limit_answers_429_with_a_french_reason(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SignedIn.CreateUserAsync(app, "script@example.org");
        var api = await TokenClientAsync(app, "script@example.org");
        for (var i = 0; i < 5; i++)
        {
            var organization = await new OrganizationBuilder().Named($"Structure {i}").SaveAsync(app);
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/conversations", new { organizationId = organization.Id, message = "Bonjour" })).StatusCode);
        }
        var last = await new OrganizationBuilder().Named("Structure 6").SaveAsync(app);
        var refused = await api.PostAsJsonAsync("/api/v1/conversations", new { organizationId = last.Id, message = "Bonjour" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Votre compte a moins de 7 jours", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
