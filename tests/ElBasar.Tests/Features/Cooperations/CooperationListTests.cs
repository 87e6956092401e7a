using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Cooperations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ElBasar.Tests.Features.Cooperations;

public sealed class CooperationListTests
{
    public sealed record Territory(string Level, string Code, string Name);
    public sealed record Participant(Guid Id, string Name);
    public sealed record Item(Guid Id, string Title, string Kind, string KindLabel, string Sector, Territory Territory, DateOnly StartsOn, DateOnly? EndsOn,
        string Status, List<Participant> Participants, List<string> OutsidePartners, string Url);
    public sealed record ListOf(int Total, List<Item> Items);
    public sealed record Contact(string Name, string? Email, string? Phone);
    public sealed record Details(Item Cooperation, string Origin, string Governance, string Stakes, string WorkingTogether, Contact Contact);

    // The test clock's day is 20 November 2026.
    static async Task<TestApp> NetworkAsync(string provider)
    {
        var app = await TestApp.StartAsync(provider);
        var lille = await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        var roubaix = await new OrganizationBuilder().Named("Tiers-Lieu La Filature").In("59512", "Roubaix", 50.69, 3.18).SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Les Jardins de la Scarpe").In("62041", "Arras", 50.29, 2.78).SaveAsync(app);
        await Cooperating.SaveAsync(app, "Camion partagé des épiceries", CooperationKind.Pooling, TerritoryLevel.Epci, "200093201",
            new DateOnly(2025, 1, 1), null, participants: [lille, roubaix]);
        await Cooperating.SaveAsync(app, "Collectif des acteurs de l'Artois", CooperationKind.EssCollective, TerritoryLevel.Departement, "62",
            new DateOnly(2024, 6, 1), null, sector: "other", participants: [arras]);
        await Cooperating.SaveAsync(app, "Chantier des berges", CooperationKind.MixedGrouping, TerritoryLevel.Commune, "62041",
            new DateOnly(2023, 3, 1), new DateOnly(2024, 3, 1), sector: "maintenance", outside: "Ville d'Arras", participants: [arras]);
        await Cooperating.SaveAsync(app, "Réseau régional des recycleries", CooperationKind.ProjectPartnership, TerritoryLevel.Region, "32",
            new DateOnly(2027, 1, 1), null, sector: "goods", participants: [lille, arras]);
        return app;
    }

    static async Task<List<string>> TitlesAsync(TestApp app, string query)
    {
        var list = await app.CreateClient().GetFromJsonAsync<ListOf>($"/api/v1/cooperations{query}");
        Assert.Equal(list!.Total, list.Items.Count);
        return list.Items.Select(i => i.Title).ToList();
    }

    [SkippableTheory, BothDatabases]
    public async Task The_api_filters_by_kind_sector_territory_status_and_words(string provider)
    {
        await using var app = await NetworkAsync(provider);

        Assert.Equal(["Réseau régional des recycleries", "Camion partagé des épiceries", "Collectif des acteurs de l'Artois", "Chantier des berges"],
            await TitlesAsync(app, ""));
        Assert.Equal(["Camion partagé des épiceries"], await TitlesAsync(app, "?kind=pooling"));
        Assert.Equal(["Chantier des berges"], await TitlesAsync(app, "?sector=maintenance"));
        // A territory meets another when they share a commune: the région covers every département.
        Assert.Equal(["Réseau régional des recycleries", "Collectif des acteurs de l'Artois", "Chantier des berges"], await TitlesAsync(app, "?territory=62"));
        Assert.Equal(["Réseau régional des recycleries", "Camion partagé des épiceries"], await TitlesAsync(app, "?territory=59"));
        Assert.Equal(["Réseau régional des recycleries", "Camion partagé des épiceries"], await TitlesAsync(app, "?territory=59512"));
        Assert.Equal(["Réseau régional des recycleries", "Collectif des acteurs de l'Artois", "Chantier des berges"], await TitlesAsync(app, "?territory=200033579"));
        Assert.Equal(["Collectif des acteurs de l'Artois"], await TitlesAsync(app, "?territory=62&kind=ess-collective"));
        Assert.Equal(["Chantier des berges"], await TitlesAsync(app, "?status=ended"));
        Assert.Equal(["Réseau régional des recycleries"], await TitlesAsync(app, "?status=upcoming"));
        // Words ignore accents and case, and find partners, even those outside the directory.
        Assert.Equal(["Camion partagé des épiceries"], await TitlesAsync(app, "?q=EPICERIE"));
        Assert.Equal(["Chantier des berges"], await TitlesAsync(app, "?q=ville%20arras"));
        Assert.Equal(["Réseau régional des recycleries", "Camion partagé des épiceries"], await TitlesAsync(app, "?q=wazemmes"));

        var item = (await app.CreateClient().GetFromJsonAsync<ListOf>("/api/v1/cooperations?kind=mixed-grouping"))!.Items.Single();
        Assert.Equal(("commune", "62041", "Arras (62000)"), (item.Territory.Level, item.Territory.Code, item.Territory.Name));
        Assert.Equal(("ended", "Groupement d'acteurs de l'ESS avec entreprises et collectivités"), (item.Status, item.KindLabel));
        Assert.Equal(["Ville d'Arras"], item.OutsidePartners);
        Assert.Equal("Les Jardins de la Scarpe", Assert.Single(item.Participants).Name);

        var details = await app.CreateClient().GetFromJsonAsync<Details>($"/api/v1/cooperations/{item.Id}");
        Assert.Equal(("Contact", "contact@example.org"), (details!.Contact.Name, details.Contact.Email));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/cooperations/{Guid.NewGuid()}")).StatusCode);
    }

    [SkippableTheory, BothDatabases]
    public async Task Bad_filters_get_a_problem_naming_the_parameter_never_a_500(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        foreach (var (query, parameter) in new[]
                 {
                     ("kind=troc", "kind"), ("territory=99999", "territory"), ("territory=<script>", "territory"),
                     ("sector=nimporte", "sector"), ("status=bientot", "status"), ($"q={new string('a', 300)}", "q"),
                 })
        {
            var response = await app.CreateClient().GetAsync($"/api/v1/cooperations?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
            Assert.True(problem!.Errors.ContainsKey(parameter), $"{query}: {string.Join(", ", problem.Errors.Keys)}");
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task The_list_page_filters_without_javascript(string provider)
    {
        await using var app = await NetworkAsync(provider);

        var all = Html.VisibleText(await app.GetPageAsync("/cooperations"));
        Assert.Contains("4 coopérations", all);
        var artois = await app.GetPageAsync("/cooperations?territory=62&kind=ess-collective");
        Assert.Contains("1 coopération", Html.VisibleText(artois));
        Assert.Contains("Collectif des acteurs de l'Artois", Html.VisibleText(artois));
        Assert.Contains("<option value=\"62\" selected=\"selected\">", artois);
        var words = Html.VisibleText(await app.GetPageAsync("/cooperations?q=berges&status=ended"));
        Assert.Contains("1 coopération", words);
        Assert.Contains("Chantier des berges", words);
        Assert.Contains("Terminée", words);
        // Unknown values are left aside: the page still answers.
        Assert.Contains("4 coopérations", Html.VisibleText(await app.GetPageAsync("/cooperations?kind=x&territory=zz&status=y&sector=z")));
    }
}
