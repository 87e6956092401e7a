using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Tests.Features.Directory;

public sealed class DirectoryPageTests
{
    static async Task<(Guid Lille, Guid Roubaix, Guid Arras)> ThreeOrganisationsAsync(TestApp app)
    {
        var lille = await new OrganizationBuilder().Named("Atelier Roue Libre").WithLegalForm("association").SaveAsync(app);
        var roubaix = await new OrganizationBuilder().Named("Coop Roubaisienne").WithLegalForm("scop").In("59512", "Roubaix", 50.6942, 3.1746).SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Artois Solidaire").WithLegalForm("scic").In("62041", "Arras", 50.291, 2.7775).NotMember().SaveAsync(app);
        return (lille.Id, roubaix.Id, arras.Id);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_directory_lists_every_organisation_with_a_link_to_its_page(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (lille, roubaix, arras) = await ThreeOrganisationsAsync(app);

        var html = await app.GetPageAsync("/annuaire");

        var text = Html.VisibleText(html);
        Assert.Matches("(^| )3 structures ", text);
        Assert.Contains("Atelier Roue Libre", text);
        Assert.Contains("Coop Roubaisienne", text);
        Assert.Contains("Artois Solidaire", text);
        foreach (var id in new[] { lille, roubaix, arras }) Assert.Contains($"href=\"/structures/{id}\"", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_directory_filtered_by_departement_shows_only_its_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ThreeOrganisationsAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync("/annuaire?territory=62"));

        Assert.Matches("(^| )1 structure ", text);
        Assert.Contains("Artois Solidaire", text);
        Assert.DoesNotContain("Atelier Roue Libre", text);
        Assert.DoesNotContain("Coop Roubaisienne", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_directory_filtered_by_legal_form_shows_only_that_form(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await ThreeOrganisationsAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync("/annuaire?legalForm=scop"));

        Assert.Contains("Coop Roubaisienne", text);
        Assert.DoesNotContain("Atelier Roue Libre", text);
        Assert.DoesNotContain("Artois Solidaire", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_directory_finds_by_words_whatever_the_accents(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Épicerie Solidaire des Moulins").SaveAsync(app);
        await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync("/annuaire?q=epicerie"));

        Assert.Contains("Épicerie Solidaire des Moulins", text);
        Assert.DoesNotContain("Atelier Roue Libre", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_or_unknown_filter_leaves_a_page_that_says_nothing_matches(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync("/annuaire?q=piscine&legalForm=nope&territory=zz&page=-3"));

        Assert.Contains("Aucune structure ne correspond à ces critères.", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_organisation_page_shows_its_name_activities_membership_and_live_listings_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").WithActivities("réparation de vélos", "vélo-école").SaveAsync(app);
        var live = await new ListingBuilder(org).Titled("Vélo cargo à prêter").SaveAsync(app);
        await new ListingBuilder(org).Titled("Remorque de l'an dernier").ExpiredDaysAgo(5).SaveAsync(app);
        await new ListingBuilder(org).Titled("Établi déjà donné").WithStatus(ListingStatus.Closed).SaveAsync(app);
        await new ListingBuilder(org).Titled("Annonce en préparation").WithStatus(ListingStatus.Draft).SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Coop Roubaisienne").SaveAsync(app);
        await new ListingBuilder(other).Titled("Tonnelle d'une autre structure").SaveAsync(app);

        var html = await app.GetPageAsync($"/structures/{org.Id}");

        var text = Html.VisibleText(html);
        Assert.Contains("Atelier Roue Libre", text);
        Assert.Contains("réparation de vélos", text);
        Assert.Contains("vélo-école", text);
        Assert.Contains("Membre du réseau", text);
        Assert.Contains("Ses annonces en cours (1)", text);
        Assert.Contains("Vélo cargo à prêter", text);
        Assert.Contains($"href=\"/annonces/{live.Id}\"", html);
        Assert.DoesNotContain("Remorque de l'an dernier", text);
        Assert.DoesNotContain("Établi déjà donné", text);
        Assert.DoesNotContain("Annonce en préparation", text);
        Assert.DoesNotContain("Tonnelle d'une autre structure", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_non_member_page_says_it_is_not_a_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Artois Solidaire").In("62041", "Arras", 50.291, 2.7775).NotMember().SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync($"/structures/{org.Id}"));

        Assert.Contains("Artois Solidaire", text);
        Assert.Contains("Structure non membre du réseau", text);
        Assert.DoesNotContain("Membre du réseau", text);
        Assert.Contains("Arras", text);
        Assert.Contains("Pas-de-Calais", text);
        Assert.Contains("Aucune annonce en cours.", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_unknown_organisation_page_answers_404(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync($"/structures/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", Html.VisibleText(await response.Content.ReadAsStringAsync()));
    }
}
