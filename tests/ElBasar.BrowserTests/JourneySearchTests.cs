using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>A visitor looks for something from the home page and opens what they found.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneySearchTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task A_visitor_searches_from_the_home_page_and_opens_a_listing()
    {
        await using var context = await browser.NewContextAsync(site);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" }).PressSequentiallyAsync("vélo");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(SearchPageForVelo());
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("vélo");
        var firstResult = page.Locator(".cards").GetByRole(AriaRole.Heading).GetByRole(AriaRole.Link).First;
        await Expect(firstResult).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        var title = (await firstResult.InnerTextAsync()).Trim();
        await firstResult.ClickAsync();

        await Expect(page).ToHaveURLAsync(ListingPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task On_a_phone_a_misspelt_tonnelle_within_30_km_of_Arras_finds_the_tents_nearby()
    {
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" }).PressSequentiallyAsync("tonelle");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(page.Locator(".correction")).ToContainTextAsync("Résultats pour « tonnelle »");

        var where = page.GetByRole(AriaRole.Combobox, new() { Name = "Commune ou code postal" });
        await where.PressSequentiallyAsync("arras", new() { Delay = 60 });
        await page.GetByRole(AriaRole.Option, new() { Name = "Arras (62000)" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]commune=62041(&|$)"));
        await page.GetByLabel("Dans un rayon de").SelectOptionAsync("30");

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]radiusKm=30(&|$)"));
        var cards = page.Locator(".cards");
        await Expect(cards.GetByRole(AriaRole.Link, new() { Name = "Barnums 3x3 m à prêter pour vos fêtes et marchés" })).ToBeVisibleAsync();
        // The barnums of Loos, near Lille, are some forty kilometres away.
        await Expect(cards.GetByRole(AriaRole.Link, new() { Name = "Barnums pliants 4x8 m en location, montage compris" })).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways on a phone.");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [GeneratedRegex(@"/recherche\?(.*&)?q=(v%C3%A9lo|vélo)(&|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SearchPageForVelo();

    [GeneratedRegex(@"/annonces/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ListingPage();
}
