using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Exchanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Exchanges;

/// <summary>
/// The dashboard reads whole months from the monthly roll-ups and the ends of a period from the
/// exchanges: the same figures either way, kept right when an exchange is confirmed, corrected or
/// removed after a month was summed up; and the public page names only the organisations that agreed.
/// </summary>
public sealed class ImpactRollupTests
{
    static async Task<(int Exchanges, decimal Market, decimal Hours, int Pairs, int Involved, int NewPairs)> FiguresAsync(HttpClient staff, string from, string to)
    {
        var impact = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/impact?from={from}&to={to}");
        return (impact.GetProperty("exchanges").GetInt32(), impact.GetProperty("marketAmountEur").GetDecimal(),
            impact.GetProperty("nonMarketHours").GetDecimal(), impact.GetProperty("distinctPairs").GetInt32(),
            impact.GetProperty("organizationsInvolved").GetInt32(), impact.GetProperty("newPairs").GetInt32());
    }

    [Theory]
    [InlineData("2026-01-01", "2026-03-31", "202601-202603")]
    [InlineData("2026-01-10", "2026-03-05", "202602-202602", "2026-01-10/2026-01-31", "2026-03-01/2026-03-05")]
    [InlineData("2026-01-10", "2026-02-05", "", "2026-01-10/2026-02-05")]
    [InlineData("2026-02-02", "2026-02-27", "", "2026-02-02/2026-02-27")]
    [InlineData("2024-02-01", "2024-02-29", "202402-202402")]
    [InlineData("2025-11-22", "2026-11-21", "202512-202610", "2025-11-22/2025-11-30", "2026-11-01/2026-11-21")]
    public void A_period_splits_into_its_whole_months_and_the_days_at_its_ends(string from, string to, string months, params string[] edges)
    {
        var (whole, ends) = ImpactReport.Split(new ImpactPeriod(DateOnly.Parse(from), DateOnly.Parse(to)));

        Assert.Equal(months, whole is var (first, last) ? $"{first}-{last}" : "");
        Assert.Equal(edges, ends.Select(e => $"{e.From:yyyy-MM-dd}/{e.To:yyyy-MM-dd}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task Figures_are_the_same_from_roll_ups_and_exchanges_and_follow_every_change(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await ImpactTests.BuildAsync(app);
        var (staff, _) = await SignedIn.PersonAsync(app, "anim@exemple.org", "Camille Animatrice", "facilitator");

        // Whole months (roll-ups), ends only (exchanges), and both.
        Assert.Equal((4, 350.50m, 3.5m, 3, 4, 2), await FiguresAsync(staff, "2026-01-01", "2026-03-31"));
        Assert.Equal((4, 350.50m, 3.5m, 3, 4, 2), await FiguresAsync(staff, "2026-01-15", "2026-03-05"));
        Assert.Equal((2, 0m, 3.5m, 2, 3, 1), await FiguresAsync(staff, "2026-01-16", "2026-03-04"));
        Assert.Equal((2, 0m, 3.5m, 2, 3, 1), await FiguresAsync(staff, "2026-02-01", "2026-02-28"));
        Assert.Equal((1, 250m, 0m, 1, 2, 1), await FiguresAsync(staff, "2026-03-01", "2026-03-31"));

        // March was summed up; Arras confirms Lille's gift of books of 6 March: March counts it at once.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<ExchangeLedger>();
            Assert.Equal(LedgerOutcome.Done, (await ledger.ConfirmAsync(network.Arras.UserId, network.Exchanges["declared"], false, default)).Outcome);
        }
        Assert.Equal((2, 250m, 1m, 2, 3, 1), await FiguresAsync(staff, "2026-03-01", "2026-03-31"));
        Assert.Equal((5, 350.50m, 4.5m, 3, 4, 2), await FiguresAsync(staff, "2026-01-01", "2026-03-31"));

        // An exchange moved to another month leaves the first and joins the second.
        await app.WithDbAsync(db => db.Exchanges.Where(e => e.Id == network.Exchanges["declared"])
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Date, new DateOnly(2026, 2, 6)).SetProperty(e => e.Month, 202602)));
        Assert.Equal((1, 250m, 0m, 1, 2, 1), await FiguresAsync(staff, "2026-03-01", "2026-03-31"));
        Assert.Equal((3, 0m, 4.5m, 2, 3, 1), await FiguresAsync(staff, "2026-02-01", "2026-02-28"));

        // An organisation removed takes its exchanges with it (the service Amiens sold to Arras in March).
        await app.WithDbAsync(async db => await db.Organizations.Where(o => o.Id == network.Amiens.Organization.Id).ExecuteDeleteAsync());
        Assert.Equal((0, 0m, 0m, 0, 0, 0), await FiguresAsync(staff, "2026-03-01", "2026-03-31"));
        Assert.Equal((4, 100.50m, 4.5m, 2, 3, 1), await FiguresAsync(staff, "2026-01-01", "2026-03-31"));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_public_page_names_only_the_organisations_whose_owners_agreed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var network = await ImpactTests.BuildAsync(app);
        var visitor = app.CreateClient();
        const string Page = "/impact?from=2026-01-01&to=2026-03-31";
        Assert.DoesNotContain("Atelier Lillois", Html.VisibleText(await visitor.GetStringAsync(Page)));

        var agree = await TestAccounts.PostFormAsync(network.Lille.Client, "/echanges", "/echanges?handler=Named",
            new Dictionary<string, string> { ["organization"] = network.Lille.Organization.Id.ToString(), ["named"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, agree.StatusCode);
        var page = Html.VisibleText(await visitor.GetStringAsync(Page));
        Assert.Contains("Atelier Lillois", page);
        Assert.Contains("3 échanges", page);
        Assert.DoesNotContain("Coopérative de Roubaix", page);
        Assert.DoesNotContain("Ressourcerie d'Arras", page);

        // Only an owner decides for the organisation.
        var (editor, editorId) = await SignedIn.PersonAsync(app, "editrice@exemple.org", "Élise Éditrice");
        await SignedIn.AddAsync(app, network.Roubaix.Organization.Id, editorId, OrganizationRole.Editor);
        var refused = await TestAccounts.PostFormAsync(editor, "/echanges", "/echanges?handler=Named",
            new Dictionary<string, string> { ["organization"] = network.Roubaix.Organization.Id.ToString(), ["named"] = "true" });
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("403") == true, $"{refused.StatusCode}");
        Assert.DoesNotContain("Coopérative de Roubaix", Html.VisibleText(await visitor.GetStringAsync(Page)));

        await TestAccounts.PostFormAsync(network.Lille.Client, "/echanges", "/echanges?handler=Named",
            new Dictionary<string, string> { ["organization"] = network.Lille.Organization.Id.ToString(), ["named"] = "false" });
        Assert.DoesNotContain("Atelier Lillois", Html.VisibleText(await visitor.GetStringAsync(Page)));
    }
}
