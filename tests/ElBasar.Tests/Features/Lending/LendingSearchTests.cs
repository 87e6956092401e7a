using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

public sealed class LendingSearchTests
{
    [SkippableTheory, BothDatabases]
    public async Task Items_are_loan_listings_and_available_from_to_keeps_those_with_a_free_unit(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de Béthune", "pret@bethune.example.org", commune: "Béthune");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var busy = await lender.ItemAsync("Vélo cargo rouge", autoApprove: true, category: "mobility");
        var free = await lender.ItemAsync("Vélo cargo bleu", autoApprove: true, category: "mobility");
        var blocked = await lender.ItemAsync("Vélo cargo vert", autoApprove: true, category: "mobility");
        await ReservedAsync(await borrower.ReserveAsync(busy, "2026-12-05", "2026-12-05"));
        await TestAccounts.PostFormAsync(lender.Person.Browser, $"/pret/{blocked}", $"/pret/{blocked}?handler=Block",
            new Dictionary<string, string> { ["BlockFrom"] = "2026-12-06", ["BlockTo"] = "2026-12-06", ["Block"] = "true" });

        var all = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/listings?q=velo+cargo&mode=loan&category=mobility");
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.All(all.GetProperty("items").EnumerateArray(), i => Assert.Contains("loan", i.GetProperty("exchangeModes").EnumerateArray().Select(m => m.GetString())));

        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/listings?mode=loan&availableFrom=2026-12-05&availableTo=2026-12-06");
        Assert.Equal(["Vélo cargo bleu"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        var saturday = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/listings?q=cargo&availableFrom=2026-12-06");
        Assert.Equal(["Vélo cargo bleu", "Vélo cargo rouge"], saturday.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).Order());

        var bad = await app.CreateClient().GetAsync("/api/v1/listings?availableFrom=samedi");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("« samedi »", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("availableFrom")[0].GetString());

        var html = Html.VisibleText(await app.CreateClient().GetStringAsync("/recherche?mode=loan&availableFrom=2026-12-05&availableTo=2026-12-06"));
        Assert.Contains("Vélo cargo bleu", html);
        Assert.DoesNotContain("Vélo cargo rouge", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_listing_page_of_an_item_leads_to_its_calendar(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de Béthune", "pret@bethune.example.org");
        var item = await lender.ItemAsync("Vélo cargo rouge");
        var listingId = (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/items/{item}")).GetProperty("listingId").GetGuid();
        var html = await app.CreateClient().GetStringAsync($"/annonces/{listingId}");
        Assert.Contains($"href=\"/pret/{item}\"", html);
    }
}
