using ElBasar.BrowserTests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ElBasar.BrowserTests;

/// <summary>
/// Two members of the demo network: one declares the exchange they just had, the other confirms it and
/// recommends the first; the facilitator then reads it on the impact dashboard. Every page on the way,
/// and the dashboard's pages, pass the accessibility check.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class JourneyExchangeTests(BrowserFixture browser, SiteFixture site) : IClassFixture<SiteFixture>
{
    const string Password = "une phrase de passe solide";
    const string Description = "Prêt d'un barnum pour la fête de quartier";

    [Fact]
    public async Task One_member_declares_an_exchange_the_other_confirms_and_rates_it_and_the_dashboard_counts_it()
    {
        var (giver, taker) = await TwoOrganizationsAsync();
        await AccountAsync("declare@example.org", "Alix Déclarante", SiteRoles.Member, giver.Id);
        await AccountAsync("confirme@example.org", "Bastien Confirmant", SiteRoles.Member, taker.Id);
        await AccountAsync("impact@example.org", "Léa Animatrice", SiteRoles.Facilitator, null);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        await using (var context = await browser.NewContextAsync(site))
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page, "declare@example.org");
            await page.GetByRole(AriaRole.Link, new() { Name = "Échanges", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Déclarer un échange" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Déclarer un échange");
            await AxeCheck.AssertNoSeriousViolationsAsync(page);
            await page.GetByLabel("Avec (l'autre partie)").SelectOptionAsync(new SelectOptionValue { Label = taker.Name });
            await page.GetByLabel("Ce qui a été échangé").FillAsync(Description);
            await page.GetByLabel("Mode d'échange").SelectOptionAsync("loan");
            await page.GetByLabel("Date de l'échange").FillAsync(today);
            // A loan without its days is refused, and the form keeps what was typed.
            await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer l'échange" }).ClickAsync();
            await Expect(page.GetByText("Indiquez le nombre de jours de prêt.").First).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Ce qui a été échangé")).ToHaveValueAsync(Description);
            await AxeCheck.AssertNoSeriousViolationsAsync(page);
            await page.GetByLabel("Jours de prêt (prêts)").FillAsync("2");
            await page.GetByLabel("Valeur estimée (€, facultatif, non marchand)").FillAsync("60");
            await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer l'échange" }).ClickAsync();
            await Expect(page.Locator("p.banner")).ToContainTextAsync("En attente de confirmation");
            await AxeCheck.AssertNoSeriousViolationsAsync(page);
        }

        await using (var context = await browser.NewContextAsync(site, new ViewportSize { Width = 390, Height = 844 }))
        {
            var page = await context.NewPageAsync();
            await SignInAsync(page, "confirme@example.org");
            await page.GotoAsync("/echanges");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "À confirmer (1)" })).ToBeVisibleAsync();
            await AxeCheck.AssertNoSeriousViolationsAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = Description }).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'échange" }).ClickAsync();
            await Expect(page.Locator("p.banner")).ToContainTextAsync("Confirmé");
            await page.GetByLabel("4 sur 5").CheckAsync();
            await page.GetByLabel("Commentaire").FillAsync("Barnum en parfait état, prêté avec le sourire.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publier ma recommandation" }).ClickAsync();
            await Expect(page.GetByText("Barnum en parfait état, prêté avec le sourire.")).ToBeVisibleAsync();
            await AxeCheck.AssertNoSeriousViolationsAsync(page);

            await page.GotoAsync($"/structures/{giver.Id}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recommandations (1)" })).ToBeVisibleAsync();
        }

        await using (var context = await browser.NewContextAsync(site))
        {
            await context.RouteAsync("https://tile.openstreetmap.org/**", route => route.AbortAsync());
            var page = await context.NewPageAsync();
            await SignInAsync(page, "impact@example.org");
            await page.GetByRole(AriaRole.Link, new() { Name = "Impact", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Impact du réseau");
            await Expect(page.Locator(".figures").First).ToContainTextAsync("60,00 €");
            // The charts are drawn (Chart.js restored from npm), each above its table.
            await Expect(page.Locator("#graphique-mois")).ToBeVisibleAsync();
            await Expect(page.Locator("#exchange-map")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = giver.Name })).ToBeVisibleAsync();
            await AxeCheck.AssertNoSeriousViolationsAsync(page);
            foreach (var path in new[] { "/animation/impact/rapport", "/animation/impact/decroches?mois=3", "/impact" })
            {
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response?.Status);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await AxeCheck.AssertNoSeriousViolationsAsync(page);
            }
        }
    }

    async Task<(Organization Giver, Organization Taker)> TwoOrganizationsAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var two = await db.Organizations.AsNoTracking().Where(o => o.CommuneInsee != null && o.Latitude != null).OrderBy(o => o.ExternalId).Take(2).ToListAsync();
        return (two[0], two[1]);
    }

    async Task AccountAsync(string email, string name, string role, Guid? organization)
    {
        await UsersCommand.RunAsync(site.Services, ["create", "--email", email, "--password", Password, "--name", name, "--role", role], TextWriter.Null, TextWriter.Null);
        if (organization is { } id)
            await UsersCommand.RunAsync(site.Services, ["add-to-organization", "--email", email, "--organization", id.ToString(), "--role", "owner"], TextWriter.Null, TextWriter.Null);
    }

    static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/compte/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" })).ToBeVisibleAsync();
    }
}
