using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>A visitor narrows a search on the search page: suggestions, filters, the map, and what an empty result offers.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SearchPageTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string path)
    {
        var context = await browser.NewContextAsync(site);
        // Map tiles come from OpenStreetMap, out of reach here: refuse them at once rather than wait.
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return (context, page);
    }

    [Fact]
    public async Task Typing_the_beginning_of_a_word_suggests_listings_one_can_choose_with_the_keyboard()
    {
        var (context, page) = await OpenAsync("/recherche");
        await using var _ = context;
        var field = page.GetByRole(AriaRole.Combobox, new() { Name = "Mots recherchés" });

        await field.PressSequentiallyAsync("tonn", new() { Delay = 60 });

        var suggestions = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" });
        var title = suggestions.GetByRole(AriaRole.Option, new() { Name = "Cherche une tonnelle pour un stand sur la plage" });
        await Expect(title).ToBeVisibleAsync();
        await Expect(field).ToHaveAttributeAsync("aria-expanded", "true");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        await field.PressAsync("ArrowDown");
        var first = suggestions.GetByRole(AriaRole.Option).First;
        await Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(field).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await Expect(first).ToHaveTextAsync("Cherche une tonnelle pour un stand sur la plage");
        await field.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"/recherche\?q=Cherche(\+|%20)une(\+|%20)tonnelle"));
        await Expect(field).ToHaveValueAsync("Cherche une tonnelle pour un stand sur la plage");
        await Expect(suggestions).ToBeHiddenAsync();
        await Expect(page.Locator(".cards").GetByRole(AriaRole.Link, new() { Name = "Cherche une tonnelle pour un stand sur la plage" })).ToBeVisibleAsync();

        // Escape closes the list and leaves what was typed.
        await field.FillAsync("");
        await field.PressSequentiallyAsync("lil", new() { Delay = 60 });
        await Expect(suggestions.GetByRole(AriaRole.Option, new() { Name = "Lille (59000)" })).ToBeVisibleAsync();
        await field.PressAsync("Escape");
        await Expect(suggestions).ToBeHiddenAsync();
        await Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(field).ToHaveValueAsync("lil");
    }

    [Fact]
    public async Task Changing_a_filter_updates_the_results_and_the_address_and_back_returns_to_the_previous_search()
    {
        var (context, page) = await OpenAsync("/recherche?q=v%C3%A9lo");
        await using var _ = context;
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var demands = page.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Demandes") });
        var label = await page.Locator("label", new() { Has = demands }).InnerTextAsync();
        var count = CountIn().Match(label).Groups[1].Value;

        await demands.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]kind=demand(&|$)"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{count} annonces trouvées pour « vélo »");
        await Expect(demands).ToBeFocusedAsync();
        await Expect(page.Locator(".cards .badge.offer")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The page was loaded again instead of updated.");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        await page.GoBackAsync();

        await Expect(page).Not.ToHaveURLAsync(new Regex("kind=demand"));
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Offres et demandes" })).ToBeCheckedAsync();
        await Expect(page.Locator(".cards .badge.offer").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Choosing_a_commune_among_the_suggestions_searches_around_it()
    {
        var (context, page) = await OpenAsync("/recherche?q=v%C3%A9lo");
        await using var _ = context;
        var where = page.GetByRole(AriaRole.Combobox, new() { Name = "Commune ou code postal" });

        await where.PressSequentiallyAsync("arras", new() { Delay = 60 });
        await page.GetByRole(AriaRole.Option, new() { Name = "Arras (62000)" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]commune=62041&radiusKm=10(&|$)"));
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Commune ou code postal" })).ToHaveValueAsync("Arras");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Plus proches" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task The_map_view_shows_the_results_as_markers_beside_their_list()
    {
        var (context, page) = await OpenAsync("/recherche?q=v%C3%A9lo");
        await using var _ = context;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Affichage des résultats" }).GetByRole(AriaRole.Link, new() { Name = "Carte" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]view=map(&|$)"));
        var map = page.GetByRole(AriaRole.Region, new() { Name = "Carte des annonces trouvées" });
        await Expect(map).ToBeVisibleAsync();
        // Markers and clusters of markers are both Leaflet marker icons.
        await Expect(map.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        Assert.True(await map.Locator(".leaflet-marker-icon").CountAsync() > 1);
        await Expect(page.GetByText("La carte a besoin de JavaScript")).ToBeHiddenAsync();
        await Expect(page.Locator(".map-list li a").First).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task An_empty_result_shows_ways_to_find_something_after_all()
    {
        var (context, page) = await OpenAsync("/recherche?q=zzxxqq&category=premises");
        await using var _ = context;

        await Expect(page.GetByText("Aucune annonce ne correspond à « zzxxqq » avec ces critères.")).ToBeVisibleAsync();
        var wholeCategory = page.GetByRole(AriaRole.Link, new() { Name = "Toute la catégorie « Locaux et espaces »" });
        await Expect(wholeCategory).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        await wholeCategory.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/recherche\?category=premises$"));
        await Expect(page.Locator(".cards .card").First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex CountIn();
}
