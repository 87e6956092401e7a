using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Newsletter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// On phones: a member of the demo network registers to the itinerant apéro in Arras and takes it
/// to her calendar; the facilitator composes the month's digest, previews it, sends herself a test,
/// then sends it to every subscriber.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyNetworkLifeTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Password = "une phrase de passe solide";
    const string Member = "lea@mine-de-velos.example.org";       // Mine de Vélos, Lens
    const string Facilitator = "nadia@reseau.example.org";

    static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_member_registers_to_the_itinerant_apero_in_Arras_and_adds_it_to_her_calendar()
    {
        await CreateAccountAsync(Member, "Léa Dumont", SiteRoles.Member, "demo-org-024");
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Member);

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Prochains rendez-vous" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Apéro itinérant chez Les Jardins de la Scarpe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Apéro itinérant chez Les Jardins de la Scarpe");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("18 h 30");
        await CheckPageAsync(page);

        await page.GetByLabel("Je viens").SelectOptionAsync(new SelectOptionValue { Label = "pour Mine de Vélos" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Je m'inscris" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vous êtes inscrit·e");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("1 inscrit·es sur 30");
        await CheckPageAsync(page);

        var calendar = page.GetByRole(AriaRole.Link, new() { Name = "Ajouter à mon agenda (iCalendar)" });
        var href = await calendar.GetAttributeAsync("href");
        var ics = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, ics.Status);
        var text = await ics.TextAsync();
        Assert.Contains("BEGIN:VEVENT\r\n", text);
        Assert.Contains("TZID:Europe/Paris", text);

        await page.GotoAsync("/evenements");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rendez-vous du réseau");
        await CheckPageAsync(page);
    }

    [Fact]
    public async Task The_facilitator_composes_previews_tests_and_sends_the_monthly_digest()
    {
        await CreateAccountAsync(Facilitator, "Nadia Animatrice", SiteRoles.Facilitator, null);
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, Facilitator);

        await page.GotoAsync("/animation/lettre");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("La lettre du réseau");
        await CheckPageAsync(page);
        var thisMonth = DateTime.UtcNow.ToString("yyyy-MM");
        await page.GetByLabel("Composer la lettre du mois").FillAsync(thisMonth);
        await page.GetByRole(AriaRole.Button, new() { Name = "Composer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/animation/lettre/{thisMonth}$"));
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Aperçu de la lettre" })).ToContainTextAsync("Les offres et les demandes du mois");
        await CheckPageAsync(page);

        await page.GetByLabel("Éditorial").FillAsync("Bonjour à **toutes et tous** : rendez-vous à Arras !");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et prévisualiser" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Aperçu de la lettre" }).Locator("strong")).ToHaveTextAsync("toutes et tous");

        await page.GetByRole(AriaRole.Button, new() { Name = "M'envoyer un test" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("exemplaire de test");
        var test = await Mailbox.WaitForAsync(site, Facilitator, m => m.Subject.StartsWith("[Test]"));
        Assert.Contains("rendez-vous à Arras", test.Text);

        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer maintenant à tous les abonnés" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("L'envoi a commencé");
        await site.Services.GetRequiredService<NewsletterJob>().RunOnceAsync();
        var copy = await Mailbox.WaitForAsync(site, Facilitator, m => !m.Subject.StartsWith("[Test]") && m.Subject.StartsWith("La lettre du réseau"));
        Assert.Contains("Ne plus recevoir la lettre", copy.Text);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Envoyée");
        await CheckPageAsync(page);

        await page.GotoAsync("/lettre");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^La lettre du réseau, ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("rendez-vous à Arras");
        await CheckPageAsync(page);
    }

    async Task<IBrowserContext> NewPhoneContextAsync()
    {
        var context = await browser.NewContextAsync(site, Phone);
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
        return context;
    }

    async Task CreateAccountAsync(string email, string name, string role, string? organization)
    {
        var errors = new StringWriter();
        Assert.Equal(0, await UsersCommand.RunAsync(site.Services, ["create", "--email", email, "--password", Password, "--name", name, "--role", role], TextWriter.Null, errors));
        if (organization is not null)
            Assert.Equal(0, await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", email, "--organization", organization, "--role", "editor"], TextWriter.Null, errors));
        Assert.Equal("", errors.ToString());
    }

    static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }

    static async Task CheckPageAsync(IPage page)
    {
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }
}
