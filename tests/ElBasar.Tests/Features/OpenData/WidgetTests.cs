using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Directory;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>The widgets other sites frame: only they may be framed, and they show only live public offers of their organisation or territory.</summary>
public sealed class WidgetTests
{
    [SkippableTheory, BothDatabases]
    public async Task Only_the_widgets_may_be_framed_by_other_sites(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var client = app.CreateClient();

        foreach (var widget in new[] { $"/widgets/organisations/{organization.Id}/annonces", "/widgets/carte?territoire=59" })
        {
            var response = await client.GetAsync(widget);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.EndsWith("frame-ancestors *", policy);
            Assert.Contains("script-src 'self';", policy);
            Assert.False(response.Headers.Contains("X-Frame-Options"));
        }
        foreach (var page in new[] { "/", "/donnees-ouvertes", "/donnees-ouvertes/integrer", $"/structures/{organization.Id}", "/widgetsx" })
        {
            var response = await client.GetAsync(page);
            Assert.EndsWith("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task An_organisations_widget_shows_its_live_public_listings_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var other = await new OrganizationBuilder().Named("Autre structure").SaveAsync(app);
        await new ListingBuilder(organization).Titled("Tonnelle à prêter").SaveAsync(app);
        await new ListingBuilder(organization).Titled("Cherche des chaises").Demand().SaveAsync(app);
        await new ListingBuilder(organization).Titled("Annonce en pause").WithStatus(ListingStatus.Draft).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Annonce pourvue").WithStatus(ListingStatus.Closed).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Annonce masquée").WithStatus(ListingStatus.Hidden).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Annonce expirée").ExpiredDaysAgo(1).SaveAsync(app);
        await new ListingBuilder(other).Titled("Annonce d'une autre").SaveAsync(app);
        var membersOnly = await new ListingBuilder(organization).Titled("Réservée aux membres").SaveAsync(app);
        await app.WithDbAsync(db => db.Listings.Where(l => l.Id == membersOnly.Id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Visibility, ListingVisibility.Network)));

        var html = await app.GetPageAsync($"/widgets/organisations/{organization.Id}/annonces");

        var text = Html.VisibleText(html);
        Assert.Contains("Les annonces de Atelier Roue Libre", text);
        Assert.Contains("Tonnelle à prêter", text);
        Assert.Contains("Cherche des chaises", text);
        foreach (var absent in new[] { "en pause", "pourvue", "masquée", "expirée", "d'une autre", "Réservée aux membres" }) Assert.DoesNotContain(absent, text);
        Assert.Contains("target=\"_blank\" rel=\"noopener\"", html);
        Assert.DoesNotContain("<header", html);

        await app.WithDbAsync(db => db.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrganizationStatus.Hidden)));
        var gone = await app.CreateClient().GetAsync($"/widgets/organisations/{organization.Id}/annonces");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var goneText = Html.VisibleText(await gone.Content.ReadAsStringAsync());
        Assert.Contains("Structure introuvable", goneText);
        Assert.DoesNotContain("Tonnelle", goneText);
        Assert.EndsWith("frame-ancestors *", gone.Headers.GetValues("Content-Security-Policy").Single());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_map_data_holds_the_live_public_offers_of_its_territory_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lille = await new OrganizationBuilder().Named("Atelier Lillois").SaveAsync(app);
        var roubaix = await new OrganizationBuilder().Named("Coopérative de Roubaix").In("59512", "Roubaix", 50.6942, 3.1746).SaveAsync(app);
        var arras = await new OrganizationBuilder().Named("Ressourcerie d'Arras").In("62041", "Arras", 50.2910, 2.7775).SaveAsync(app);
        await new ListingBuilder(lille).Titled("Tonnelle à Lille").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Demande à Lille").Demand().SaveAsync(app);
        await new ListingBuilder(lille).Titled("Brouillon à Lille").WithStatus(ListingStatus.Draft).SaveAsync(app);
        await new ListingBuilder(roubaix).Titled("Barnum à Roubaix").SaveAsync(app);
        await new ListingBuilder(arras).Titled("Vélos à Arras").SaveAsync(app);
        var client = app.CreateClient();

        async Task<string[]> TitlesAsync(string territory)
        {
            var map = await client.GetFromJsonAsync<JsonElement>($"/widgets/carte/annonces.json?territoire={territory}");
            return map.GetProperty("offers").EnumerateArray().Select(o => o.GetProperty("title").GetString()!).Order().ToArray();
        }

        Assert.Equal(["Tonnelle à Lille"], await TitlesAsync("59350"));
        Assert.Equal(["Barnum à Roubaix", "Tonnelle à Lille"], await TitlesAsync("200093201"));
        Assert.Equal(["Barnum à Roubaix", "Tonnelle à Lille"], await TitlesAsync("59"));
        Assert.Equal(["Vélos à Arras"], await TitlesAsync("62"));

        var unknown = await client.GetAsync("/widgets/carte/annonces.json?territoire=99999");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var page = await client.GetAsync("/widgets/carte?territoire=abc");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Territoire inconnu", Html.VisibleText(await page.Content.ReadAsStringAsync()));

        var html = await app.GetPageAsync("/widgets/carte?territoire=62");
        Assert.Contains("Vélos à Arras", Html.VisibleText(html));
        Assert.DoesNotContain("Tonnelle", html);
        Assert.Contains("data-source=\"/widgets/carte/annonces.json?territoire=62\"", html);
        Assert.Contains("/js/widget-map.js", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_embedding_page_gives_a_member_the_code_of_each_of_its_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Site:BaseUrl"] = "https://elbasar.example.org" });
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var (member, memberId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, memberId, OrganizationRole.Owner);

        var html = System.Net.WebUtility.HtmlDecode(await member.GetStringAsync("/donnees-ouvertes/integrer?territoire=200093201"));

        Assert.Contains($"<script src=\"https://elbasar.example.org/widgets/elbasar.js\" data-organisation=\"{organization.Id}\" async></script>", html);
        Assert.Contains($"<iframe src=\"https://elbasar.example.org/widgets/organisations/{organization.Id}/annonces\"", html);
        Assert.Contains("<iframe src=\"https://elbasar.example.org/widgets/carte?territoire=200093201\"", html);
        Assert.Contains("Métropole Européenne de Lille", html);
    }
}
