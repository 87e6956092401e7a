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

    [GeneratedRegex(@"/recherche\?(.*&)?q=(v%C3%A9lo|vélo)(&|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SearchPageForVelo();

    [GeneratedRegex(@"/annonces/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ListingPage();
}
