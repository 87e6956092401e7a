using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>The pages behind sign-in (account, reporting, moderation, a listing's photos), as a facilitator sees them: no serious accessibility fault, fit for a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInPagesTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Email = "animation@example.org";
    const string Password = "une phrase de passe solide";
    const string AReport = "(the report form of a listing)";
    const string AModeratedListing = "(the moderation page of a listing)";
    const string ListingPhotos = "(the photos page of a listing, as an editor of its organisation)";
    const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    public static TheoryData<string> Pages => new() { "/compte", "/compte/donnees", "/moderation", "/moderation/journal", AReport, AModeratedListing, ListingPhotos };

    [Theory, MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_violation_and_fits_a_phone(string address)
    {
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();
        await SignInAsync(page);

        var listing = address is AReport or AModeratedListing or ListingPhotos ? await FirstListingAsync(page) : null;
        if (address is ListingPhotos) await JoinOrganizationOfAsync(page, listing!);
        var path = address switch
        {
            AReport => $"{listing}/signaler",
            AModeratedListing => $"/moderation{listing}",
            ListingPhotos => $"{listing}/photos",
            _ => address,
        };
        var response = await page.GotoAsync(path);
        if (address is ListingPhotos)
        {
            // With a photo, so the list of photos and their forms are checked too.
            await page.GetByLabel("Photos à ajouter").SetInputFilesAsync(new FilePayload { Name = "tonnelle.png", MimeType = "image/png", Buffer = Convert.FromBase64String(OnePixelPng) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
            await Expect(page.GetByLabel("Description de la photo 1")).ToBeVisibleAsync();
        }

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }

    async Task SignInAsync(IPage page)
    {
        // One facilitator for the class; the verb refuses a second account with the same address.
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Email, "--password", Password, "--role", SiteRoles.Facilitator], TextWriter.Null, TextWriter.Null);
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }

    // Only a listing's own people manage its photos: the facilitator joins its organisation as an editor.
    async Task JoinOrganizationOfAsync(IPage page, string listing)
    {
        await page.GotoAsync(listing);
        var organization = (await page.GetByRole(AriaRole.Main).Locator("a[href^='/structures/']").First.GetAttributeAsync("href"))!["/structures/".Length..];
        await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", Email, "--organization", organization, "--role", "editor"], TextWriter.Null, TextWriter.Null);
    }

    static async Task<string> FirstListingAsync(IPage page)
    {
        await page.GotoAsync("/");
        var href = await page.GetByRole(AriaRole.Main).Locator("a[href^='/annonces/']").First.GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(href), "No listing on the home page.");
        return href;
    }
}
