using System.Text;
using System.Text.RegularExpressions;
using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// The facilitator imports the network's 200 members from the spreadsheet kept until now (French
/// Excel's CSV: semicolons, Windows-1252), sees its two bad lines, imports the rest, fixes the two
/// lines, sends the file again (nothing is duplicated), then records a member's payment.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyMemberImportTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Password = "une phrase de passe solide";
    const string Facilitator = "import@reseau.example.org";

    [Fact]
    public async Task A_facilitator_imports_200_members_fixes_two_bad_lines_and_records_a_payment()
    {
        Assert.Equal(0, await UsersCommand.RunAsync(site.Services,
            ["create", "--email", Facilitator, "--password", Password, "--name", "Inès Animatrice", "--role", SiteRoles.Facilitator], TextWriter.Null, TextWriter.Null));
        await using var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(Facilitator);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
        var year = DateTime.UtcNow.Year;

        await page.GotoAsync("/animation/adhesions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des adhérents (CSV)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Importer des adhérents");
        await SendAsync(page, Members(year, fixedLines: false));
        await Expect(page.GetByLabel("Colonne « Nom de la structure » (par exemple « Œuvre solidaire n° 001 »)")).ToHaveValueAsync("nom");
        await Expect(page.GetByLabel("Colonne « Code postal » (par exemple « 59000 »)")).ToHaveValueAsync("code-postal");
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu (rien n'est enregistré)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("198 à créer, 0 à mettre à jour, 0 inchangées, 2 lignes en erreur");
        var problems = page.GetByRole(AriaRole.Region, new() { Name = "Lignes à corriger (2)" });
        await Expect(problems).ToContainTextAsync("Ligne 58 : le code postal « 5900 » doit avoir 5 chiffres");
        await Expect(problems).ToContainTextAsync("Ligne 144 : le courriel « contact143@@exemple.org » n'est pas une adresse valide");
        await CheckPageAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Importer les 198 lignes valides" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Import terminé : 198 créées, 0 mises à jour, 0 inchangées, 2 lignes en erreur non importées.");
        await CheckPageAsync(page);

        // The two lines fixed in the spreadsheet, the whole file sent again.
        await page.GetByRole(AriaRole.Link, new() { Name = "Importer des adhérents" }).ClickAsync();
        await SendAsync(page, Members(year, fixedLines: true));
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir l'aperçu (rien n'est enregistré)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 à créer, 0 à mettre à jour, 198 inchangées, 0 lignes en erreur");
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer les 2 lignes valides" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Import terminé : 2 créées, 0 mises à jour, 198 inchangées, 0 lignes en erreur");

        await page.GotoAsync("/animation/adhesions?etat=pending");
        await page.GetByLabel("Nom, commune, courriel ou SIRET").FillAsync("10000000000057");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 sur");
        await page.GetByRole(AriaRole.Link, new() { Name = "Œuvre solidaire n° 057" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("En attente de paiement");
        await page.GetByLabel("Chèque").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex($"Paiement enregistré : reçu n° {year}-[0-9]{{4}}"));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("À jour");
        await CheckPageAsync(page);
    }

    static async Task SendAsync(IPage page, byte[] file)
    {
        await page.GetByLabel("Fichier CSV (2 Mo au plus)").SetInputFilesAsync(new FilePayload { Name = "adherents.csv", MimeType = "text/csv", Buffer = file });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer le fichier" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/animation/adhesions/import/[0-9a-f-]{36}"));
    }

    /// <summary>200 members as French Excel saves them; lines 58 and 144 are wrong until fixed.</summary>
    static byte[] Members(int year, bool fixedLines)
    {
        var csv = new StringBuilder("Nom de la structure;SIRET;Courriel;Code postal;Ville;Année;Cotisation\r\n");
        for (var i = 1; i <= 200; i++)
        {
            var postcode = i == 57 && !fixedLines ? "5900" : "59000";
            var email = i == 143 && !fixedLines ? $"contact{i:000}@@exemple.org" : $"contact{i:000}@exemple.org";
            csv.Append($"Œuvre solidaire n° {i:000};{10_000_000_000_000L + i};{email};{postcode};Lille;{year};50\r\n");
        }
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(csv.ToString());
    }

    static async Task CheckPageAsync(IPage page)
    {
        await AxeCheck.AssertNoSeriousViolationsAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"{page.Url} is {widths[0]}px wide on a {widths[1]}px phone screen: it scrolls sideways.");
    }
}
