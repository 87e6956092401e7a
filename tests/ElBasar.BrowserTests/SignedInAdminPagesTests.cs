using System.Collections.Concurrent;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// The admins' settings pages, as an admin sees them, the journal with something in it: no serious
/// accessibility fault, fit for a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInAdminPagesTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Email = "administration@example.org";
    const string Password = "une phrase de passe solide";

    public static TheoryData<string> Pages => new()
    {
        "/admin/reglages", "/admin/taxonomie", "/admin/thesaurus", "/admin/thesaurus?q=outil", "/admin/utilisateurs", "/admin/journal",
        "/admin/adhesions", "/admin/charte",
        "/admin/reglages/donnees-ouvertes",
        "/admin/reseau",
        "/admin/reseaux",
    };

    // Signed in once per site, then each test starts with those cookies: the sign-in form takes ten posts a minute.
    static readonly ConcurrentDictionary<Uri, string> SignedIn = new();

    [Theory, MemberData(nameof(Pages))]
    public async Task Page_has_no_serious_accessibility_violation_and_fits_a_phone(string address)
    {
        var phone = new ViewportSize { Width = 390, Height = 844 };
        if (!SignedIn.ContainsKey(site.BaseAddress))
        {
            await using var first = await browser.NewContextAsync(site, phone);
            await SignInAsync(await first.NewPageAsync());
            SignedIn[site.BaseAddress] = await first.StorageStateAsync();
        }
        await using var context = await browser.NewContextAsync(site, phone, SignedIn[site.BaseAddress]);
        var page = await context.NewPageAsync();
        if (address == "/admin/journal") await RenameACategoryAsync(page);

        var response = await page.GotoAsync(address);

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }

    async Task SignInAsync(IPage page)
    {
        // One admin for the class; the verb refuses a second account with the same address.
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Email, "--password", Password, "--name", "Alex Administration", "--role", SiteRoles.Admin], TextWriter.Null, TextWriter.Null);
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }

    // A line in the journal, made through the taxonomy page the way an admin would.
    static async Task RenameACategoryAsync(IPage page)
    {
        await page.GotoAsync("/admin/taxonomie");
        var name = page.GetByLabel("Nom de « Autre »", new() { Exact = false }).First;
        await name.FillAsync("Autre chose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Renommer « Autre »" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Autre chose");
    }
}
