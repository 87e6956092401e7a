using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;

namespace ElBasar.Tests.Features.Exchanges;

/// <summary>
/// The public impact page keeps the open data's statistical secret: whole finished months only, and in its breakdowns no
/// line of 1 to 4 exchanges, nor one the total minus the shown lines would give back. Those who run a network still see
/// every figure on their dashboard.
/// </summary>
public sealed class PublicImpactSecretTests
{
    /// <summary>
    /// January 2026 (the clock is in November 2026): 12 sales of 10 € between Lille and Roubaix (Métropole Européenne de
    /// Lille), 3 sales of 77,70 € between Arras and Saint-Laurent-Blangy (CU d'Arras), and one sale of 55,50 € in
    /// November, the month in progress.
    /// </summary>
    static async Task BuildAsync(TestApp app)
    {
        var lille = await ImpactTests.PartyAsync(app, "Atelier Lillois", "association", "59350", "Lille", 50.6292, 3.0573);
        var roubaix = await ImpactTests.PartyAsync(app, "Coopérative de Roubaix", "association", "59512", "Roubaix", 50.6942, 3.1746);
        var arras = await ImpactTests.PartyAsync(app, "Ressourcerie d'Arras", "association", "62041", "Arras", 50.2910, 2.7775);
        var blangy = await ImpactTests.PartyAsync(app, "Jardin de Blangy", "association", "62753", "Saint-Laurent-Blangy", 50.2956, 2.8106);
        for (var i = 0; i < 12; i++)
            await ImpactTests.DeclareAsync(app, lille, roubaix, "sale", $"2026-01-{10 + i}", "Vente de chaises", amount: "10", confirm: true);
        for (var i = 0; i < 3; i++)
            await ImpactTests.DeclareAsync(app, arras, blangy, "sale", $"2026-01-{15 + i}", "Vente de semences", amount: "77,70", confirm: true);
        await ImpactTests.DeclareAsync(app, lille, arras, "sale", "2026-11-05", "Vente de novembre", amount: "55,50", confirm: true);
    }

    /// <summary>The breakdowns of a page: from its first series to its end, the same whatever the request's own tokens.</summary>
    static string Breakdowns(string html) => html[html.IndexOf("<section class=\"impact-series\"", StringComparison.Ordinal)..];

    [SkippableTheory, BothDatabases]
    public async Task A_small_epci_is_secret_on_the_public_page_with_the_line_that_would_give_it_back(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);

        var html = await app.CreateClient().GetStringAsync("/impact?from=2026-01-01&to=2026-01-31");
        var text = Html.VisibleText(html);
        // The headline is public: 15 exchanges, 353,10 €.
        Assert.Contains("15 échanges", text);
        Assert.Contains("353,10 €", text);
        // By EPCI: Arras's 3 are secret, and Lille's 12 with them, since 15 − 12 would give 3.
        var epci = html[html.IndexOf("id=\"titre-epci\"", StringComparison.Ordinal)..html.IndexOf("id=\"titre-departements\"", StringComparison.Ordinal)];
        Assert.Contains("CU d'Arras secret statistique", Html.VisibleText(epci));
        Assert.Contains("Métropole Européenne de Lille secret statistique", Html.VisibleText(epci));
        Assert.Contains("data-exchanges=\"[null,null]\"", epci);
        // The territories (Lille's metropolis 12, outside it 3) too, in their table and in the headline.
        Assert.Contains("Hors de la métropole lilloise : secret statistique", text);
        // Neither cell's amount is anywhere on the page, nor the count behind the chart.
        Assert.DoesNotContain("233,10", text);
        Assert.DoesNotContain("120,00", text);
        // The month holds all 15: shown.
        Assert.Contains("janvier 2026 15 353,10 €", text);

        // Whoever runs the network sees every figure.
        var (facilitator, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");
        var dashboard = Html.VisibleText(await facilitator.GetStringAsync("/animation/impact?from=2026-01-01&to=2026-01-31"));
        Assert.Contains("CU d'Arras 3 233,10 €", dashboard);
        Assert.Contains("Métropole Européenne de Lille 12 120,00 €", dashboard);
        Assert.DoesNotContain("secret statistique", dashboard);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_public_page_counts_whole_finished_months_so_a_day_more_or_less_changes_nothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await BuildAsync(app);
        var visitor = app.CreateClient();

        // Mid-month dates, a day apart, cover January whole: the sales of the 10th to the 21st and of the 15th to the 17th.
        var first = await visitor.GetStringAsync("/impact?from=2026-01-12&to=2026-01-16");
        var second = await visitor.GetStringAsync("/impact?from=2026-01-13&to=2026-01-16");
        Assert.Equal(Breakdowns(first), Breakdowns(second));
        Assert.Contains("value=\"2026-01-01\"", first);
        Assert.Contains("value=\"2026-01-31\"", first);
        Assert.Contains("du 1 janvier 2026 au 31 janvier 2026", Html.VisibleText(first));
        Assert.Contains("15 échanges", Html.VisibleText(first));

        // November is in progress: up to its 20th, the page stops at the end of October, and November's sale is not in it.
        var upToToday = await visitor.GetStringAsync("/impact?from=2026-01-01&to=2026-11-20");
        Assert.Equal(Breakdowns(upToToday), Breakdowns(await visitor.GetStringAsync("/impact?from=2026-01-01&to=2026-11-19")));
        Assert.Contains("value=\"2026-10-31\"", upToToday);
        Assert.Contains("15 échanges", Html.VisibleText(upToToday));
        Assert.Contains("Les chiffres portent sur les mois entiers écoulés", Html.VisibleText(upToToday));
        // A period within the month in progress shows the last finished month.
        Assert.Contains("value=\"2026-10-01\"", await visitor.GetStringAsync("/impact?from=2026-11-02&to=2026-11-19"));
    }
}
