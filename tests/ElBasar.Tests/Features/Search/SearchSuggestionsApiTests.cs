using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Search;
using Microsoft.AspNetCore.Http;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchSuggestionsApiTests
{
    static async Task<Suggestions> SuggestAsync(TestApp app, string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/v1/suggestions{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Suggestions>())!;
    }

    [SkippableTheory, BothDatabases]
    public async Task The_beginning_of_a_word_suggests_titles_categories_and_communes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle pliante 3x3").SaveAsync(app);
        await new ListingBuilder(org).Titled("Cherche des tonnelles pour la fête").Demand().SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion").SaveAsync(app);

        var tonn = await SuggestAsync(app, "?q=tonn");
        Assert.Equal(["Cherche des tonnelles pour la fête", "Tonnelle pliante 3x3"], tonn.Titles.Order());
        Assert.All(tonn.Communes, c => Assert.StartsWith("Tonn", c.Name));
        Assert.InRange(tonn.Communes.Count, 1, SearchSuggestionsApi.MaxEach);

        var mat = await SuggestAsync(app, "?q=mat%C3%A9");
        Assert.Contains(new CategorySuggestion("equipment", "Matériel et équipement"), mat.Categories);

        // The network's own région first, the exact name before longer ones.
        var lil = await SuggestAsync(app, "?q=lille");
        Assert.Equal(new CommuneSuggestion("59350", "Lille", "59000"), lil.Communes[0]);
        Assert.Equal(["Lille"], (await SuggestAsync(app, "?q=59000")).Communes.Select(c => c.Name));
    }

    [SkippableTheory, BothDatabases]
    public async Task Suggestions_can_be_asked_for_one_kind_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Atelier vélo à Lille").SaveAsync(app);

        var communes = await SuggestAsync(app, "?q=lille&only=communes");

        Assert.Empty(communes.Titles);
        Assert.Empty(communes.Categories);
        Assert.Equal("Lille", communes.Communes[0].Name);
        Assert.Equal(["Atelier vélo à Lille"], (await SuggestAsync(app, "?q=lille&only=titles")).Titles);
    }

    [SkippableTheory]
    [InlineData("sqlite", "", "q")]
    [InlineData("sqlite", "?q=%20%20", "q")]
    [InlineData("sqlite", "?q=tonnelle&only=organisations", "only")]
    [InlineData("postgresql", "", "q")]
    public async Task A_missing_or_bad_parameter_is_a_400_naming_it(string provider, string query, string parameter)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync($"/api/v1/suggestions{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Contains(parameter, problem!.Errors.Keys);
    }

    [SkippableTheory, BothDatabases]
    public async Task Strange_input_never_breaks_the_suggestions(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle pliante").SaveAsync(app);
        var client = app.CreateClient();

        string[] strange =
        [
            "\"", "'", "''; DROP TABLE listings; --", "tonn*", "tonn OR", "NEAR(a b)", "a:b", "%", "_", "\\", "(((", "😀🎪",
            "l'", "d'", "à", "‐", "0", "99999", "2A004", "'tonn'", "tonn & salle | !x", new string('x', 100),
        ];
        foreach (var q in strange)
        {
            var response = await client.GetAsync($"/api/v1/suggestions?q={Uri.EscapeDataString(q)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"« {q} » gave {(int)response.StatusCode}.");
            await response.Content.ReadFromJsonAsync<Suggestions>();
        }
        var tooLong = await client.GetAsync($"/api/v1/suggestions?q={new string('x', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }
}
