using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// On a phone, a newcomer makes an account, confirms it from the mail, creates their organisation's
/// profile, publishes an offer with a photo, and finds it through search like anyone else would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class JourneyPublishingTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Name = "Camille Vasseur";
    const string Email = "camille.vasseur@example.org";
    const string Password = "un kamishibai sous le préau";
    const string Organization = "Les Conteurs du Beffroi";
    const string Title = "Prêt d'un théâtre kamishibai en bois pour vos animations";
    const string PhotoDescription = "Le petit théâtre de bois, volets ouverts";

    // 48×32 pixels, two colours: a real PNG, small enough to write here.
    const string Png = "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAO0lEQVR42u3OQQ0AMAgEMJSgZMIQNhGTNRMXXk0qoPXmRHRICQkJCQkJCQmth25EhwgJCQkJCQkJLYc+m/1SeaZeV9gAAAAASUVORK5CYII=";

    [Fact]
    public async Task On_a_phone_a_newcomer_signs_up_creates_an_organisation_publishes_an_offer_with_a_photo_and_finds_it()
    {
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
        var page = await context.NewPageAsync();

        // Sign up.
        await page.GotoAsync("/compte/inscription");
        await CheckPageAsync(page);
        await page.GetByLabel("Votre nom").FillAsync(Name);
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe (10 caractères au moins)").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vérifiez vos e-mails");

        // Confirm from the mail, then sign in.
        var link = await ConfirmationLinkAsync(Email);
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Adresse confirmée");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Se connecter" }).ClickAsync();
        await page.GetByLabel("Adresse e-mail").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();

        // The organisation's profile, from "Mon espace".
        await page.GotoAsync("/espace");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer le profil d'une structure" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Créer le profil d'une structure");
        await CheckPageAsync(page);
        await page.GetByLabel("Nom de la structure").FillAsync(Organization);
        await page.GetByLabel("Forme juridique").SelectOptionAsync(new SelectOptionValue { Label = "Association" });
        await page.GetByLabel("Présentation").FillAsync("Des lectures contées pour les écoles et les centres sociaux de l'Arrageois.");
        await page.GetByLabel("Commune").FillAsync("Arras (62000)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le profil" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(OrganizationPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Organization);

        // It joins the network by accepting the charter: members publish for free.
        await page.GotoAsync("/espace");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Adhérer au réseau pour {Organization}" }).ClickAsync();
        await page.GetByLabel(new Regex("lu la charte")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Adhérer au réseau" }).ClickAsync();
        await Expect(page.GetByText("Membre du réseau")).ToBeVisibleAsync();

        // The offer, on behalf of the new organisation.
        await page.GotoAsync("/espace");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Publier au nom de {Organization}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/annonces/nouvelle\?structure=[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Publier une offre ou une demande");
        await CheckPageAsync(page);
        await Expect(page.GetByLabel("Une offre : vous proposez quelque chose")).ToBeCheckedAsync();
        await page.GetByLabel("Titre").FillAsync(Title);
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Un butaï en hêtre avec douze planches illustrées, à emprunter pour une semaine.\nÀ venir chercher au local.");
        await page.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Culture, animation et événementiel" });
        await page.GetByLabel("Prêt", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Publier au nom de {Organization}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ListingPage());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var listingPath = new Uri(page.Url).AbsolutePath;
        await CheckPageAsync(page);

        // A photo, from a file on the phone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter des photos" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Photos de l'annonce");
        await CheckPageAsync(page);
        var file = Path.Combine(Path.GetTempPath(), $"kamishibai-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, Convert.FromBase64String(Png));
        try
        {
            await page.GetByLabel("Photos à ajouter").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        }
        finally
        {
            File.Delete(file);
        }
        await page.GetByLabel("Description de la photo 1").FillAsync(PhotoDescription);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la description de la photo 1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Description de la photo 1")).ToHaveValueAsync(PhotoDescription);
        await CheckPageAsync(page);

        // The listing page shows it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Revenir à l'annonce" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(listingPath) + "$"));
        var photo = page.Locator(".gallery").GetByRole(AriaRole.Img, new() { Name = PhotoDescription });
        await Expect(photo).ToBeVisibleAsync();
        await AssertLoadedAsync(photo);
        await CheckPageAsync(page);

        // Anyone finds it by a word of its title, the card with its photo.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Que cherchez-vous ?" }).PressSequentiallyAsync("kamishibai");
        await page.GetByRole(AriaRole.Search).GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/recherche\?(.*&)?q=kamishibai(&|$)"));
        var card = page.Locator(".cards > *").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = Title }) });
        await Expect(card).ToHaveCountAsync(1);
        await AssertLoadedAsync(card.Locator("img").First);
        await CheckPageAsync(page);

        // And with a typo. The site reloads the words it corrects against once a minute or so:
        // the test does not wait for that.
        site.Services.GetRequiredService<SearchVocabularyCache>().Invalidate();
        await page.GotoAsync("/recherche?q=kamichibai");
        await Expect(page.Locator(".correction")).ToContainTextAsync("Résultats pour « kamishibai »");
        await Expect(page.Locator(".cards").GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await page.Locator(".cards").GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(listingPath) + "$"));
    }

    /// <summary>No serious accessibility fault, and nothing wider than the phone.</summary>
    static async Task CheckPageAsync(IPage page)
    {
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }

    static async Task AssertLoadedAsync(ILocator image)
    {
        await image.ScrollIntoViewIfNeededAsync();
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "The photo did not load.");
    }

    /// <summary>The confirmation link of the mail sent to <paramref name="to"/>, once the site's outbox has written it.</summary>
    async Task<string> ConfirmationLinkAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var mails = Directory.Exists(site.MailFolder) ? Directory.GetFiles(site.MailFolder, "*.eml") : [];
            foreach (var mail in mails)
            {
                var text = DecodeQuotedPrintable(await File.ReadAllTextAsync(mail));
                if (!text.Contains($"To: {to}", StringComparison.OrdinalIgnoreCase) && !text.Contains($"<{to}>", StringComparison.OrdinalIgnoreCase)) continue;
                var link = ConfirmationLink().Match(text);
                Assert.True(link.Success, $"No confirmation link in {mail}:\n{text}");
                return link.Value;
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"No mail to {to} in {site.MailFolder} after 30 seconds.");
            await Task.Delay(250);
        }
    }

    /// <summary>Quoted-printable (RFC 2045): soft line breaks dropped, =XX read as UTF-8 bytes. Headers, in ASCII, pass through.</summary>
    static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n') { i += 2; continue; }
            if (text[i] == '=' && i + 1 < text.Length && text[i + 1] == '\n') { i += 1; continue; }
            if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
                continue;
            }
            bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/compte/confirmer\?[^\s""<>]+")]
    private static partial Regex ConfirmationLink();

    [GeneratedRegex(@"/structures/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex OrganizationPage();

    [GeneratedRegex(@"/annonces/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", RegexOptions.IgnoreCase)]
    private static partial Regex ListingPage();
}
