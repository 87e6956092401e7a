using System.Net.Http.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Cooperations;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Cooperations;

public sealed class CooperationFiguresTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_impact_dashboard_counts_the_cooperations_active_in_the_period_by_kind_and_the_organisations_in_them(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var orgs = new List<ElBasar.Web.Features.Directory.Organization>();
        for (var i = 1; i <= 6; i++) orgs.Add(await new OrganizationBuilder().Named($"Structure {i}").SaveAsync(app));
        await Cooperating.SaveAsync(app, "Depuis longtemps", CooperationKind.Pooling, TerritoryLevel.Departement, "59",
            new DateOnly(2025, 1, 1), null, participants: [orgs[0], orgs[1]]);
        await Cooperating.SaveAsync(app, "Au printemps", CooperationKind.EssCollective, TerritoryLevel.Departement, "59",
            new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), participants: [orgs[1], orgs[2]]);
        await Cooperating.SaveAsync(app, "Finie avant", CooperationKind.MixedGrouping, TerritoryLevel.Departement, "59",
            new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), participants: [orgs[3]]);
        await Cooperating.SaveAsync(app, "Commencée après", CooperationKind.ProjectPartnership, TerritoryLevel.Departement, "59",
            new DateOnly(2026, 7, 1), null, participants: [orgs[4]]);
        await Cooperating.SaveAsync(app, "Le dernier jour", CooperationKind.ProjectPartnership, TerritoryLevel.Departement, "59",
            new DateOnly(2026, 6, 30), null, outside: "Commune de Lens", participants: [orgs[5]]);

        var facilitator = await Cooperating.FacilitatorAsync(app);
        var dashboard = Html.VisibleText(await facilitator.GetStringAsync("/animation/impact?from=2026-01-01&to=2026-06-30"));
        Assert.Contains("3 coopérations actives", dashboard);
        Assert.Contains("2 commencées sur la période", dashboard);
        Assert.Contains("4 structures engagées dans au moins une coopération", dashboard);
        Assert.Contains("Mutualisation de moyens 1", dashboard);
        Assert.Contains("Collectif d'acteurs de l'ESS 1", dashboard);
        Assert.Contains("Partenariat de projet 1", dashboard);
        Assert.Contains("Groupement d'acteurs de l'ESS avec entreprises et collectivités 0", dashboard);

        var report = Html.VisibleText(await facilitator.GetStringAsync("/animation/impact/rapport?from=2026-01-01&to=2026-06-30"));
        Assert.Contains("3 coopérations actives", report);
        var publicPage = Html.VisibleText(await app.GetPageAsync("/impact?from=2026-01-01&to=2026-06-30"));
        Assert.Contains("3 coopérations actives", publicPage);
        Assert.DoesNotContain("Structure 1", publicPage);

        // One day earlier, the one that ended on 31 December is still active that day.
        var figures = await app.WithDbAsync((_, services) => services.GetRequiredService<CooperationFigures>()
            .ComputeAsync(new DateOnly(2025, 12, 31), new DateOnly(2026, 6, 29), CancellationToken.None));
        Assert.Equal((3, 1, 4), (figures.Active, figures.Started, figures.Organizations));
        Assert.Equal([1, 0, 1, 1], figures.ByKind.Select(k => k.Active));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_demo_network_has_cooperations_of_every_kind_shown_on_its_members_profiles(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        var client = app.CreateClient();

        var list = await client.GetFromJsonAsync<CooperationListTests.ListOf>("/api/v1/cooperations");
        Assert.Equal(["ess-collective", "mixed-grouping", "pooling", "project-partnership"], list!.Items.Select(i => i.Kind).Distinct().Order());
        Assert.Contains(list.Items, i => i.Status == "ended");
        var artois = Assert.Single(list.Items, i => i.Kind == "ess-collective");
        Assert.Contains("Coopérations (1)", Html.VisibleText(await app.GetPageAsync($"/structures/{artois.Participants[0].Id}")));
    }
}
