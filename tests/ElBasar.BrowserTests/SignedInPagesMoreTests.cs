using System.Collections.Concurrent;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// More pages behind sign-in (alerts, messages, the hotline and its desk, reported conversations), as a
/// facilitator sees them, each with something in it: no serious accessibility fault, fit for a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInPagesMoreTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Email = "animation-plus@example.org";
    const string Password = "une phrase de passe solide";
    const string NewAlert = "/espace/alertes/nouvelle?q=tonnelle&commune=62041&radiusKm=30";
    const string AConversation = "(a conversation, its report form open)";
    const string AHotlineRequest = "(a request to the facilitators, on their desk)";

    public static TheoryData<string> Pages => new()
    {
        "/espace/alertes", NewAlert, "/messages", AConversation, "/je-ne-trouve-pas", "/animation/demandes", AHotlineRequest, "/moderation/messages",
        "/cooperations/nouvelle",
        "/animation/adhesions/import", "/animation/structures/fusionner?q=atelier",
    };

    // Signed in once per site, then each test starts with those cookies: the account forms take ten posts a minute.
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

        // Each page with something in it, made once for the class through the pages themselves.
        var path = address;
        switch (address)
        {
            case "/espace/alertes": await MakeAnAlertAsync(page); break;
            case "/messages": await ConversationAsync(page); break;
            case AConversation: path = await ConversationAsync(page); break;
            case "/animation/demandes": await HotlineRequestAsync(page); break;
            case AHotlineRequest: path = await HotlineRequestAsync(page); break;
            case "/moderation/messages": await ReportAConversationAsync(page); break;
        }
        var response = await page.GotoAsync(path);
        if (address is AConversation) await page.GetByText("Signaler cette conversation à l'équipe d'animation").ClickAsync();
        if (address is "/moderation/messages") await page.GetByText("Lire la conversation").First.ClickAsync();

        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }

    async Task SignInAsync(IPage page)
    {
        // One facilitator for the class; the verb refuses a second account with the same address.
        await UsersCommand.RunAsync(site.Services, ["create", "--email", Email, "--password", Password, "--name", "Léa Animatrice", "--role", SiteRoles.Facilitator], TextWriter.Null, TextWriter.Null);
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }

    // The list of alerts with one in it, so its form is checked too (its private feed's address is long).
    static async Task MakeAnAlertAsync(IPage page)
    {
        await page.GotoAsync("/espace/alertes");
        if (await page.GetByRole(AriaRole.Main).Locator("li.card").CountAsync() == 0)
        {
            await page.GotoAsync(NewAlert);
            await page.GetByLabel("Nom de l'alerte").FillAsync("Tonnelles autour d'Arras");
            await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'alerte" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tonnelles autour d'Arras" })).ToBeVisibleAsync();
        }
    }

    // The facilitator's own conversation with the organisation of a listing, started once.
    static async Task<string> ConversationAsync(IPage page)
    {
        await page.GotoAsync("/messages");
        var existing = page.GetByRole(AriaRole.Main).Locator("a[href^='/messages/']:not([href*='?'])");
        if (await existing.CountAsync() > 0) return (await existing.First.GetAttributeAsync("href"))!;

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Main).Locator("a[href^='/annonces/']").First.ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Contacter" }).ClickAsync();
        await page.GetByLabel("Votre message").FillAsync("Bonjour, votre annonce est-elle toujours d'actualité ?\nMerci d'avance.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("toujours d'actualité");
        return new Uri(page.Url).AbsolutePath;
    }

    static async Task ReportAConversationAsync(IPage page)
    {
        await page.GotoAsync(await ConversationAsync(page));
        await page.GetByText("Signaler cette conversation à l'équipe d'animation").ClickAsync();
        await page.GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le signalement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
    }

    // A request to the facilitators, asked once through the form (which allows five every ten minutes).
    static async Task<string> HotlineRequestAsync(IPage page)
    {
        await page.GotoAsync("/animation/demandes");
        var requests = page.GetByRole(AriaRole.Main).Locator("table a[href^='/animation/demandes/']");
        if (await requests.CountAsync() == 0)
        {
            await page.GotoAsync("/je-ne-trouve-pas");
            await page.GetByLabel("Ce que vous cherchez").FillAsync("Une chambre froide à partager quelques mois pour nos paniers de légumes, autour d'Arras.");
            await page.GetByLabel("Où (commune)").FillAsync("Arras");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Dans la semaine" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Merci");
            await page.GotoAsync("/animation/demandes");
        }
        return (await requests.First.GetAttributeAsync("href"))!;
    }
}
