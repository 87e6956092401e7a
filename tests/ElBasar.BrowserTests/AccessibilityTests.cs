using System.Net;
using ElBasar.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>Every public page, as a browser shows it: no serious accessibility fault, and fit for a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    // Pages whose address depends on the demo data, found by following links as a visitor would.
    const string AListing = "(a listing, from the home page)";
    const string AnOrganization = "(an organisation, from a listing)";
    const string ACooperation = "(a cooperation, from the list)";
    const string AResource = "(a resource, from the library)";
    const string AWidget = "(an organisation's listings widget, from a listing)";

    public static TheoryData<string, HttpStatusCode> PublicPages => new()
    {
        { "/", HttpStatusCode.OK },
        { "/recherche", HttpStatusCode.OK },
        { "/recherche?q=vélo&kind=offer", HttpStatusCode.OK },
        { "/recherche?q=tonnelle", HttpStatusCode.OK },
        { "/recherche?view=map&q=vélo", HttpStatusCode.OK },
        { "/recherche?q=zzxxqq&category=premises", HttpStatusCode.OK },
        { AListing, HttpStatusCode.OK },
        { AnOrganization, HttpStatusCode.OK },
        { "/pret", HttpStatusCode.OK },
        { "/pret?q=zzxxqq&departement=62", HttpStatusCode.OK },
        { "/annuaire", HttpStatusCode.OK },
        { "/annuaire?territory=62", HttpStatusCode.OK },
        { "/compte/inscription", HttpStatusCode.OK },
        { "/compte/connexion", HttpStatusCode.OK },
        { "/compte/mot-de-passe-oublie", HttpStatusCode.OK },
        { "/compte/verifiez-vos-emails", HttpStatusCode.OK },
        { "/charte", HttpStatusCode.OK },
        { "/cooperations", HttpStatusCode.OK },
        { "/cooperations?territory=62&kind=ess-collective", HttpStatusCode.OK },
        { ACooperation, HttpStatusCode.OK },
        { "/ressources", HttpStatusCode.OK },
        { "/ressources?q=guides&theme=purchasing", HttpStatusCode.OK },
        { AResource, HttpStatusCode.OK },
        { "/donnees-ouvertes", HttpStatusCode.OK },
        { $"/donnees-ouvertes?reseau={ElBasar.Web.Features.Directory.Network.HomeSlug}", HttpStatusCode.OK },
        { "/donnees-ouvertes?reseau=nulle-part", HttpStatusCode.NotFound },
        { "/donnees-ouvertes/integrer", HttpStatusCode.OK },
        { "/donnees-ouvertes/integrer?territoire=62", HttpStatusCode.OK },
        { "/widgets/carte?territoire=62", HttpStatusCode.OK },
        { AWidget, HttpStatusCode.OK },
        { "/nexiste-pas", HttpStatusCode.NotFound },
    };

    [Theory, MemberData(nameof(PublicPages))]
    public async Task Page_has_no_serious_accessibility_violation(string address, HttpStatusCode status)
    {
        await using var context = await browser.NewContextAsync(site);
        var page = await context.NewPageAsync();

        await OpenAsync(page, address, status);

        await AxeCheck.AssertNoSeriousViolationsAsync(page);
    }

    [Theory, MemberData(nameof(PublicPages))]
    public async Task Page_fits_a_phone_screen_without_horizontal_scrolling(string address, HttpStatusCode status)
    {
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();

        await OpenAsync(page, address, status);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth + 1,
            $"{page.Url} is {scrollWidth}px wide on a {innerWidth}px phone screen: it scrolls sideways.");
    }

    static async Task OpenAsync(IPage page, string address, HttpStatusCode status)
    {
        var path = address switch
        {
            AListing => await FirstLinkAsync(page, "/", "/annonces/"),
            AnOrganization => await FirstLinkAsync(page, await FirstLinkAsync(page, "/", "/annonces/"), "/structures/"),
            ACooperation => await FirstLinkAsync(page, "/cooperations", "/cooperations/"),
            AResource => await FirstLinkAsync(page, "/ressources", "/ressources/"),
            AWidget => (await FirstLinkAsync(page, await FirstLinkAsync(page, "/", "/annonces/"), "/structures/")).Replace("/structures/", "/widgets/organisations/") + "/annonces",
            _ => address,
        };

        var response = await page.GotoAsync(path);

        Assert.NotNull(response);
        Assert.Equal((int)status, response.Status);
        if (status == HttpStatusCode.NotFound)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
        }
        else
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        }
    }

    static async Task<string> FirstLinkAsync(IPage page, string from, string startingWith)
    {
        await page.GotoAsync(from);
        var link = page.GetByRole(AriaRole.Main).Locator($"a[href^='{startingWith}']").First;
        var href = await link.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), $"No link to {startingWith}… on {page.Url}.");
        return href;
    }
}
