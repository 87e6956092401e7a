using System.Globalization;
using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Lending;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// On phones: a member of Les Jardins de la Scarpe looks for a cargo bike free next Saturday, asks for
/// the Atelier Vélo du Faubourg's one, the atelier approves, and both are told by mail.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyLendingTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Password = "une phrase de passe solide";
    const string Borrower = "lea@jardins-scarpe.example.org";   // Les Jardins de la Scarpe, Arras
    const string Lender = "hugo@velo-faubourg.example.org";     // Atelier Vélo du Faubourg, Lille
    const string Bike = "Prêt d'un vélo-cargo pour vos livraisons et petits déménagements";

    static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_cargo_bike_for_next_saturday_is_found_requested_approved_and_both_are_mailed()
    {
        await CreateMemberAsync(Borrower, "Léa Durand", "demo-org-023");
        await CreateMemberAsync(Lender, "Hugo Leroy", "demo-org-001");
        var today = ReservationCalendar.Today(DateTimeOffset.UtcNow);
        var saturday = today.AddDays(((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Saturday - (int)today.DayOfWeek + 7) % 7);
        var iso = saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Léa searches for a cargo bike free next Saturday.
        await using var borrowerContext = await NewPhoneContextAsync();
        var borrower = await borrowerContext.NewPageAsync();
        await SignInAsync(borrower, Borrower);
        await borrower.GotoAsync($"/recherche?q=v%C3%A9lo+cargo&mode=loan&availableFrom={iso}&availableTo={iso}");
        await borrower.GetByRole(AriaRole.Link, new() { Name = Bike }).First.ClickAsync();
        await Expect(borrower.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Bike);
        await borrower.GetByRole(AriaRole.Link, new() { Name = "Voir les disponibilités et emprunter" }).ClickAsync();
        await Expect(borrower).ToHaveURLAsync(new Regex(@"/pret/[0-9a-f-]{36}$"));
        await Expect(borrower.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await CheckPageAsync(borrower);

        // The calendar picks the range by keyboard: Saturday as start, then as end.
        var month = saturday.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var dayName = saturday.ToString("dddd d MMMM yyyy", new CultureInfo("fr-FR"));
        if (saturday.Month != today.Month) await borrower.GetByRole(AriaRole.Link, new() { Name = "Mois suivant" }).ClickAsync();
        await borrower.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(dayName)}.*choisir comme début") }).FocusAsync();
        await borrower.Keyboard.PressAsync("Enter");
        await Expect(borrower).ToHaveURLAsync(new Regex($"du={iso}"));
        await borrower.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(dayName)}.*choisir comme fin") }).ClickAsync();
        await Expect(borrower.GetByLabel("Du (premier jour)")).ToHaveValueAsync(iso);
        await Expect(borrower.GetByLabel("Au (dernier jour, inclus)")).ToHaveValueAsync(iso);
        await CheckPageAsync(borrower);
        Assert.Contains(month, borrower.Url);

        await borrower.GetByLabel("Au nom de").SelectOptionAsync(new SelectOptionValue { Label = "Les Jardins de la Scarpe" });
        await borrower.GetByLabel("Message au prêteur (facultatif)").FillAsync("Pour livrer nos paniers de légumes.");
        await borrower.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await Expect(borrower).ToHaveURLAsync(new Regex(@"/pret/reservations/[0-9a-f-]{36}$"));
        await Expect(borrower.GetByRole(AriaRole.Status)).ToContainTextAsync("Demande en attente");
        await CheckPageAsync(borrower);

        // Hugo is told by mail, follows its link and approves.
        var request = await Mailbox.WaitForAsync(site, Lender, m => m.Subject.Contains("Demande de prêt"));
        Assert.Contains("Les Jardins de la Scarpe", request.Text);
        var link = new Regex(@"https?://\S+/pret/reservations/[0-9a-f-]{36}").Match(request.Text);
        Assert.True(link.Success, $"No link to the reservation in the mail:{Environment.NewLine}{request.Text}");
        await using var lenderContext = await NewPhoneContextAsync();
        var lender = await lenderContext.NewPageAsync();
        await SignInAsync(lender, Lender);
        await lender.GotoAsync(link.Value);
        await CheckPageAsync(lender);
        await lender.GetByLabel("Message à l'emprunteur (facultatif)").FillAsync("C'est d'accord, passez à 10 h.");
        await lender.GetByRole(AriaRole.Button, new() { Name = "Accepter" }).ClickAsync();
        await Expect(lender.GetByRole(AriaRole.Status)).ToContainTextAsync("Réservé");
        await CheckPageAsync(lender);

        // Léa gets the answer.
        var approved = await Mailbox.WaitForAsync(site, Borrower, m => m.Subject.Contains("Demande acceptée"));
        Assert.Contains("C'est d'accord, passez à 10 h.", approved.Text);
        await Mailbox.WaitForAsync(site, Borrower, m => m.Subject.Contains("Demande envoyée"));
    }

    async Task<IBrowserContext> NewPhoneContextAsync()
    {
        var context = await browser.NewContextAsync(site, Phone);
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
}
