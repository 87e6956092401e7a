using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// A second network on the installation: the admin creates it, the home network shares its
/// listings with its public, and a visitor of the second network's home page sees a shared offer,
/// with the network it comes from, and opens it. The new pages pass the accessibility check.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyNetworksTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Email = "reseaux@example.org";
    const string Password = "une phrase de passe solide";

    [Fact]
    public async Task A_visitor_of_a_second_network_sees_an_offer_shared_by_the_home_network_and_opens_it()
    {
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Email, "--password", Password, "--name", "Alex Réseaux", "--role", SiteRoles.Admin], TextWriter.Null, TextWriter.Null);
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();

        await page.GotoAsync("/admin/reseaux");
        await page.GetByLabel("Nom du réseau").FillAsync("Réseau lensois");
        await page.GetByLabel("Adresse courte", new() { Exact = false }).FillAsync("reseau-lensois");
        await page.GetByLabel("Couleur principale", new() { Exact = false }).FillAsync("#1d4e89");
        await page.GetByLabel("Charte du réseau").FillAsync("Nous partageons nos outils et nos savoirs.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le réseau" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le réseau « Réseau lensois » est créé");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);

        // The home network proposes to share its listings with the new network's public; the new network accepts.
        await page.GotoAsync("/reseaux/reseau/animation");
        await page.GetByLabel("Réseau partenaire").SelectOptionAsync(new SelectOptionValue { Label = "Réseau lensois" });
        await page.GetByLabel("Tout son public").CheckAsync();
        await page.GetByLabel("vers le partenaire seulement", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Proposer le partenariat" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Le partenariat est proposé");
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync("/reseaux/reseau-lensois/animation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter le partenariat", Exact = false }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("en vigueur");

        // A visitor, signed out, on the second network's home page.
        await using var visitorContext = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync("/reseaux/reseau-lensois");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Réseau lensois");
        var shared = visitor.Locator("li.card").Filter(new() { HasText = "Partagée par le réseau" }).First;
        await Expect(shared).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(visitor);
        var widths = await visitor.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"The network's page is {widths[0]}px wide on a {widths[1]}px phone screen.");
        var title = (await shared.GetByRole(AriaRole.Heading).InnerTextAsync()).Trim();
        await shared.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);

        await visitor.GotoAsync("/reseaux/reseau-lensois/charte");
        await Expect(visitor.GetByText("Nous partageons nos outils et nos savoirs.")).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(visitor);
    }
}
