using ElBasar.Tests.Support;
using ElBasar.Web.Features.Resources;

namespace ElBasar.Tests.Features.Resources;

/// <summary>The library is searched in French with the listings' analyser: plurals, accents, typos.</summary>
public sealed class ResourceSearchTests
{
    [SkippableTheory, BothDatabases]
    public async Task Plurals_accents_and_typos_find_the_resources_people_mean(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Library.SaveAsync(app, "Guides pratiques du compostage collectif", "Installer un composteur dans une structure.", themes: ["food"]);
        await Library.SaveAsync(app, "Étude sur la consommation économe", "Réduire la facture d'électricité des associations.", kind: ResourceKind.Study, themes: ["energy"]);
        await Library.SaveAsync(app, "Rapport financier de l'exercice", "Les comptes du réseau.", kind: ResourceKind.Report, themes: ["funding"]);

        Assert.Equal(["Guides pratiques du compostage collectif"], await TitlesAsync(app, "guide"));
        Assert.Equal(["Étude sur la consommation économe"], await TitlesAsync(app, "econome"));
        Assert.Equal(["Étude sur la consommation économe"], await TitlesAsync(app, "électricités"));
        Assert.Equal(["Rapport financier de l'exercice"], await TitlesAsync(app, "financeir"));
        Assert.Equal(["Guides pratiques du compostage collectif"], await TitlesAsync(app, "compostgae"));
        Assert.Empty(await TitlesAsync(app, "tronçonneuse"));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_search_page_ranks_title_matches_first_and_keeps_the_filters(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Library.SaveAsync(app, "Compte rendu de la rencontre mobilité", "On a parlé de vélos cargos.", kind: ResourceKind.Minutes, date: new DateOnly(2026, 11, 1));
        await Library.SaveAsync(app, "Guide du vélo cargo partagé", "Prêter un vélo entre structures.", date: new DateOnly(2026, 1, 1));

        var page = Html.VisibleText(await app.GetPageAsync("/ressources?q=v%C3%A9los"));
        var minutesOnly = Html.VisibleText(await app.GetPageAsync("/ressources?q=velo&kind=minutes"));

        Assert.Contains("2 ressources", page);
        Assert.True(page.IndexOf("Guide du vélo cargo partagé", StringComparison.Ordinal) < page.IndexOf("Compte rendu de la rencontre", StringComparison.Ordinal));
        Assert.Contains("1 ressource", minutesOnly);
        Assert.DoesNotContain("Guide du vélo cargo", minutesOnly);
    }

    static async Task<List<string>> TitlesAsync(TestApp app, string q)
    {
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(app.CreateClient(), $"/api/v1/resources?q={Uri.EscapeDataString(q)}");
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }
}
