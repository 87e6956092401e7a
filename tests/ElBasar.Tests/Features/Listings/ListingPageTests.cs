using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;

namespace ElBasar.Tests.Features.Listings;

public sealed class ListingPageTests
{
    [SkippableTheory, BothDatabases]
    public async Task A_listing_page_shows_what_is_offered_where_for_how_much_and_by_whom(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var listing = await new ListingBuilder(org)
            .Titled("Tonnelle 3x3 m à prêter ou louer")
            .Described("Tonnelle pliante avec ses poids, à venir chercher à Fives.")
            .InCategory("equipment").WithModes("loan", "rental").WithPrice(80)
            .SaveAsync(app);

        var html = await app.GetPageAsync($"/annonces/{listing.Id}");

        var text = Html.VisibleText(html);
        Assert.Contains("Tonnelle 3x3 m à prêter ou louer", text);
        Assert.Contains("Tonnelle pliante avec ses poids, à venir chercher à Fives.", text);
        Assert.Contains("Matériel et équipement", text);
        Assert.Contains("Prêt", text);
        Assert.Contains("Location", text);
        Assert.Contains("80 €", text);
        Assert.Contains("Lille (59000)", text);
        Assert.Contains("Métropole Européenne de Lille · Nord", text);
        Assert.Contains("Atelier Roue Libre", text);
        Assert.Contains($"href=\"/structures/{org.Id}\"", html);
    }

    [SkippableTheory]
    [InlineData("sqlite", "1250", "1{0}250 €")]
    [InlineData("sqlite", "12.5", "12,50 €")]
    [InlineData("sqlite", "0", "0 €")]
    [InlineData("postgresql", "1250", "1{0}250 €")]
    [InlineData("postgresql", "12.5", "12,50 €")]
    public async Task Prices_are_written_the_french_way(string provider, string price, string shown)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).WithModes("sale").WithPrice(decimal.Parse(price, CultureInfo.InvariantCulture)).SaveAsync(app);

        var html = await app.GetPageAsync($"/annonces/{listing.Id}");

        // The thousands separator of fr-FR is a (narrow) no-break space, whichever the platform gives.
        var separator = CultureInfo.GetCultureInfo("fr-FR").NumberFormat.NumberGroupSeparator;
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, shown, separator), Html.VisibleText(html));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_closed_listing_keeps_its_page_with_a_banner_saying_it_is_closed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Camion benne à prêter").WithStatus(ListingStatus.Closed).SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync($"/annonces/{listing.Id}"));

        Assert.Contains("Camion benne à prêter", text);
        Assert.Contains("Cette annonce est close", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_expired_listing_keeps_its_page_and_says_it_has_expired(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled("Barnum pour la braderie").ExpiredDaysAgo(3).SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync($"/annonces/{listing.Id}"));

        Assert.Contains("Barnum pour la braderie", text);
        Assert.Contains("Cette annonce a expiré le 17 novembre 2026", text);
        Assert.DoesNotContain("est close", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_live_listing_has_no_banner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var listing = await new ListingBuilder(org).SaveAsync(app);

        var text = Html.VisibleText(await app.GetPageAsync($"/annonces/{listing.Id}"));

        Assert.DoesNotContain("Cette annonce est close", text);
        Assert.DoesNotContain("Cette annonce a expiré", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task Hidden_draft_and_unknown_listings_answer_404(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var hidden = await new ListingBuilder(org).Titled("Annonce masquée").WithStatus(ListingStatus.Hidden).SaveAsync(app);
        var draft = await new ListingBuilder(org).Titled("Brouillon").WithStatus(ListingStatus.Draft).SaveAsync(app);
        var client = app.CreateClient();

        foreach (var id in new[] { hidden.Id, draft.Id, Guid.NewGuid() })
        {
            var response = await client.GetAsync($"/annonces/{id}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var text = Html.VisibleText(await response.Content.ReadAsStringAsync());
            Assert.Contains("Page introuvable", text);
            Assert.DoesNotContain("Annonce masquée", text);
            Assert.DoesNotContain("Brouillon", text);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Text_typed_by_people_is_html_encoded_on_every_page_that_shows_it(string provider)
    {
        const string title = "<script>alert(1)</script>";
        const string name = "\"><img src=x onerror=alert(1)>";
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().Named(name).WithActivities("<b>gras</b>").SaveAsync(app);
        var listing = await new ListingBuilder(org).Titled(title).Described("<iframe src=//evil.example>").SaveAsync(app);

        // The directory shows organisations only; every other page shows both the listing and its poster.
        (string Path, bool ShowsListing)[] pages =
            [($"/annonces/{listing.Id}", true), ("/", true), ($"/structures/{org.Id}", true), ("/recherche", true), ("/annuaire", false)];
        foreach (var (path, showsListing) in pages)
        {
            var html = await app.GetPageAsync(path);

            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<iframe", html);
            Assert.DoesNotContain("<b>gras", html);
            Assert.Contains(HtmlEncoder.Default.Encode(name), html);
            if (showsListing) Assert.Contains(HtmlEncoder.Default.Encode(title), html);
        }
    }
}
