using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// On phones: a member near Arras saves a search for a tonnelle, a member in Lens publishes one, the
/// alert mail leads the first to the offer, and the two talk it over in elBasar's messages.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyAlertTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Password = "une phrase de passe solide";
    const string Seeker = "camille@jardins-scarpe.example.org";     // Les Jardins de la Scarpe, Arras
    const string Lender = "yanis@mine-de-velos.example.org";        // Mine de Vélos, Lens
    const string Offer = "Tonnelles pliantes à prêter";
    const string Question = "Bonjour, pourrions-nous emprunter deux tonnelles pour notre fête des récoltes, le samedi 12 ?";
    const string Answer = "Avec plaisir : passez les prendre vendredi après 17 h, rue de la Gare.";

    static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_saved_search_for_a_tonnelle_near_Arras_brings_the_offer_of_Lens_by_mail_and_the_two_members_talk()
    {
        await CreateMemberAsync(Seeker, "Camille Martin", "demo-org-023");
        await CreateMemberAsync(Lender, "Yanis Benali", "demo-org-024");

        // Camille saves a search: a tonnelle within 30 km of Arras, mailed at once.
        await using var seekerContext = await NewPhoneContextAsync();
        var seeker = await seekerContext.NewPageAsync();
        await SignInAsync(seeker, Seeker);
        await seeker.GotoAsync("/recherche?q=tonnelle");
        var where = seeker.GetByRole(AriaRole.Combobox, new() { Name = "Commune ou code postal" });
        await where.PressSequentiallyAsync("arras", new() { Delay = 60 });
        await seeker.GetByRole(AriaRole.Option, new() { Name = "Arras (62000)" }).ClickAsync();
        await Expect(seeker).ToHaveURLAsync(new Regex(@"[?&]commune=62041(&|$)"));
        await seeker.GetByLabel("Dans un rayon de").SelectOptionAsync("30");
        await Expect(seeker).ToHaveURLAsync(new Regex(@"[?&]radiusKm=30(&|$)"));

        await seeker.GetByRole(AriaRole.Link, new() { Name = "Créer une alerte" }).ClickAsync();
        await Expect(seeker).ToHaveURLAsync(new Regex(@"/espace/alertes/nouvelle\?"));
        await Expect(seeker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Créer une alerte");
        await Expect(seeker.GetByRole(AriaRole.Main)).ToContainTextAsync("tonnelle");
        await Expect(seeker.GetByRole(AriaRole.Main)).ToContainTextAsync("Arras");
        await CheckPageAsync(seeker);

        await seeker.GetByLabel("Nom de l'alerte").FillAsync("Tonnelles autour d'Arras");
        await seeker.GetByRole(AriaRole.Radio, new() { Name = "Dès qu'une annonce paraît" }).CheckAsync();
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Créer l'alerte" }).ClickAsync();
        await Expect(seeker).ToHaveURLAsync(new Regex(@"/espace/alertes\?creee="));
        await Expect(seeker.GetByRole(AriaRole.Heading, new() { Name = "Tonnelles autour d'Arras" })).ToBeVisibleAsync();
        await CheckPageAsync(seeker);

        // Yanis, in Lens, some twenty kilometres away, publishes tonnelles to lend.
        await using var lenderContext = await NewPhoneContextAsync();
        var lender = await lenderContext.NewPageAsync();
        await SignInAsync(lender, Lender);
        await lender.GotoAsync("/annonces/nouvelle");
        await Expect(lender.Locator("form .lead")).ToHaveTextAsync("Au nom de Mine de Vélos.");
        await lender.GetByLabel("Une offre : vous proposez quelque chose").CheckAsync();
        await lender.GetByLabel("Titre").FillAsync(Offer);
        await lender.GetByLabel("Description").FillAsync("Quatre tonnelles de 3 x 3 m, avec leurs lests. À venir chercher à Lens, rendues propres et sèches.");
        await lender.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Matériel et équipement" });
        await lender.GetByRole(AriaRole.Checkbox, new() { Name = "Prêt", Exact = true }).CheckAsync();
        await lender.GetByRole(AriaRole.Button, new() { Name = "Publier au nom de Mine de Vélos" }).ClickAsync();
        await Expect(lender).ToHaveURLAsync(ListingPage());
        await Expect(lender.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Offer);

        // The test site keeps the alert worker off: one pass of it, then the outbox is sent.
        var pass = await site.Services.GetRequiredService<AlertJob>().RunOnceAsync();
        Assert.True(pass.Mails >= 1, $"The alert pass sent no mail: {pass}.");
        var alert = await Mailbox.WaitForAsync(site, Seeker, m => m.Text.Contains(Offer));
        Assert.Contains("Tonnelles autour d'Arras", alert.Subject + alert.Text);
        Assert.Contains(Offer, System.Net.WebUtility.HtmlDecode(alert.Html));
        var link = OfferLink().Match(alert.Text);
        Assert.True(link.Success, $"No link to a listing in the alert mail:{Environment.NewLine}{alert.Text}");
        Assert.StartsWith(site.BaseAddress.ToString().TrimEnd('/'), link.Value);

        // The mail's link leads Camille to the offer; "Contacter", for her organisation.
        await seeker.GotoAsync(link.Value);
        await Expect(seeker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Offer);
        await seeker.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Contacter" }).ClickAsync();
        await Expect(seeker).ToHaveURLAsync(new Regex(@"/messages/nouveau\?annonce="));
        await Expect(seeker.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Contacter Mine de Vélos");
        await CheckPageAsync(seeker);
        await seeker.GetByRole(AriaRole.Radio, new() { Name = "Les Jardins de la Scarpe" }).CheckAsync();
        await seeker.GetByLabel("Votre message").FillAsync(Question);
        await seeker.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(seeker).ToHaveURLAsync(ConversationPage());
        await Expect(seeker.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync(Question);
        await CheckPageAsync(seeker);

        // Yanis is told by mail and by the navigation, reads and answers.
        var told = await Mailbox.WaitForAsync(site, Lender, m => m.Text.Contains(Question));
        Assert.Contains("/messages/", told.Text);
        await lender.GotoAsync("/");
        var messages = lender.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Messages \(1\)") });
        await Expect(messages).ToBeVisibleAsync();
        await messages.ClickAsync();
        await Expect(lender).ToHaveURLAsync(new Regex(@"/messages$"));
        await Expect(lender.GetByText("1 nouveau message")).ToBeVisibleAsync();
        await CheckPageAsync(lender);
        await lender.GetByRole(AriaRole.Link, new() { Name = Offer }).ClickAsync();
        await Expect(lender).ToHaveURLAsync(ConversationPage());
        await Expect(lender.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync(Question);
        await Expect(lender.GetByRole(AriaRole.Main)).ToContainTextAsync("Les Jardins de la Scarpe");
        await CheckPageAsync(lender);
        await lender.GetByLabel("Votre message").FillAsync(Answer);
        await lender.GetByRole(AriaRole.Button, new() { Name = "Envoyer", Exact = true }).ClickAsync();
        await Expect(lender.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync(Answer);
        await Expect(lender.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true })).ToBeVisibleAsync();

        // Camille gets the answer by mail and in her messages.
        var answered = await Mailbox.WaitForAsync(site, Seeker, m => m.Text.Contains(Answer));
        var conversationLink = new Regex(@"https?://\S+/messages/[0-9a-f-]{36}").Match(answered.Text);
        Assert.True(conversationLink.Success, $"No link to the conversation in the mail:{Environment.NewLine}{answered.Text}");
        await seeker.GotoAsync("/");
        await seeker.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^Messages \(1\)") }).ClickAsync();
        await seeker.GetByRole(AriaRole.Link, new() { Name = Offer }).ClickAsync();
        Assert.Equal(conversationLink.Value, seeker.Url);
        await Expect(seeker.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync(Answer);
        await CheckPageAsync(seeker);
    }

    async Task<IBrowserContext> NewPhoneContextAsync()
    {
        var context = await browser.NewContextAsync(site, Phone);
        // The map's tiles come from the internet, which the tests do without.
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
        return context;
    }

    async Task CreateMemberAsync(string email, string name, string organization)
    {
        var errors = new StringWriter();
        Assert.Equal(0, await UsersCommand.RunAsync(site.Services, ["create", "--email", email, "--password", Password, "--name", name], TextWriter.Null, errors));
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

    [GeneratedRegex(@"/annonces/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ListingPage();

    [GeneratedRegex(@"/messages/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ConversationPage();

    [GeneratedRegex(@"https?://\S+/annonces/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex OfferLink();
}
