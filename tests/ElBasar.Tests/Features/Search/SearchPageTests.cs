using System.Net;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;

namespace ElBasar.Tests.Features.Search;

public sealed class SearchPageTests
{
    /// <summary>What a reader sees: tags dropped, entities decoded (Razor writes "é" as "&amp;#xE9;"), runs of blanks made one space.</summary>
    static string VisibleText(string html) =>
        Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " ")), "[ \t\r\n]+", " ");

    /// <summary>The page as served after any redirect, with the address it ended at.</summary>
    static async Task<(string Html, string Address)> PageAsync(TestApp app, string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync(), response.RequestMessage!.RequestUri!.PathAndQuery);
    }

    static async Task<string> HtmlAsync(TestApp app, string path) => (await PageAsync(app, path)).Html;

    static async Task SeedFacetListingsAsync(TestApp app)
    {
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à prêter").WithModes("loan").SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelle à vendre").WithModes("sale").WithPrice(80).SaveAsync(app);
        await new ListingBuilder(org).Titled("Cherche une tonnelle").Demand().WithModes("loan", "rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Local pour une tonnelle").InCategory("premises").WithModes("rental").SaveAsync(app);
    }

    [SkippableTheory, BothDatabases]
    public async Task Each_filter_shows_its_count_computed_with_the_other_filters_but_not_its_own(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedFacetListingsAsync(app);

        var html = await HtmlAsync(app, "/recherche?q=tonnelle&mode=loan");

        var text = VisibleText(html);
        Assert.Contains("2 annonces trouvées pour « tonnelle »", text);
        // Modes: the other modes are counted as if chosen instead (the loan filter set aside).
        Assert.Contains("Prêt (2)", text);
        Assert.Contains("Vente (1)", text);
        Assert.Contains("Location (2)", text);
        Assert.Contains("Don (0)", text);
        // The other facets apply the loan filter.
        Assert.Contains("Offres et demandes (2)", text);
        Assert.Contains("Offres (1)", text);
        Assert.Contains("Demandes (1)", text);
        Assert.Contains("Matériel et équipement (2)", text);
        Assert.Contains("Locaux et espaces (0)", text);
        Assert.Contains("Marchand (1)", text);
        Assert.Contains("Non marchand (2)", text);
        // A value that finds nothing is greyed but can still be chosen.
        Assert.Matches("<label class=\"facet-zero\"><input type=\"checkbox\" id=\"category-premises\" name=\"category\" value=\"premises\">", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_submitted_form_lands_on_the_address_of_its_filters_and_shows_them_chosen(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Mine de rien").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);

        // What a browser sends for the form, empty fields included.
        var (html, address) = await PageAsync(app,
            "/recherche?q=tonnelle&sort=newest&kind=demand&where=lens&commune=&radiusKm=20&territory=62&category=equipment&market=&mode=loan&mode=rental");

        Assert.Equal("/recherche?q=tonnelle&kind=demand&category=equipment&mode=loan&mode=rental&territory=62&commune=62498&radiusKm=20&sort=newest", address);
        Assert.Contains("value=\"tonnelle\"", html);
        Assert.Contains("id=\"kind-demand\" name=\"kind\" value=\"demand\" checked=\"checked\"", html);
        Assert.Contains("id=\"category-equipment\" name=\"category\" value=\"equipment\" checked=\"checked\"", html);
        Assert.Contains("id=\"mode-loan\" name=\"mode\" value=\"loan\" checked=\"checked\"", html);
        Assert.Contains("id=\"mode-rental\" name=\"mode\" value=\"rental\" checked=\"checked\"", html);
        Assert.Contains("id=\"mode-sale\" name=\"mode\" value=\"sale\">", html);
        Assert.Contains("id=\"market-any\" name=\"market\" value=\"\" checked=\"checked\"", html);
        Assert.Contains("id=\"where\" name=\"where\" value=\"Lens\"", html);
        Assert.Contains("name=\"commune\" value=\"62498\"", html);
        Assert.Contains("<option value=\"20\" selected=\"selected\">20 km</option>", html);
        Assert.Contains("<option value=\"62\" selected=\"selected\">", html);
        Assert.Contains("<option value=\"newest\" selected=\"selected\">", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_commune_that_does_not_exist_is_explained_next_to_the_field_which_keeps_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var (html, address) = await PageAsync(app, "/recherche?q=&where=Zzyzx-sur-Mer&commune=&radiusKm=10");

        Assert.StartsWith("/recherche?q=&where=", address);
        Assert.Contains("Aucune commune ne correspond à « Zzyzx-sur-Mer »", VisibleText(html));
        Assert.Contains("value=\"Zzyzx-sur-Mer\"", html);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"where-error\"", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task Words_found_are_marked_in_titles_and_excerpts_and_everything_else_stays_encoded(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Vélos <b>cargo</b> & remorques").Described("Deux vélos-cargos à prêter.").SaveAsync(app);

        var html = await HtmlAsync(app, "/recherche?q=velo");

        var decoded = WebUtility.HtmlDecode(html);
        Assert.Contains("<mark>Vélos</mark> &lt;b&gt;cargo&lt;/b&gt; &amp; remorques", html.Replace("&#xE9;", "é"));
        Assert.Contains("Deux <mark>vélos</mark>-cargos à prêter.", decoded);
        Assert.DoesNotContain("<b>cargo</b>", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_corrected_query_is_shown_with_a_link_to_search_it(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Tonnelles à prêter pour vos fêtes").SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion").SaveAsync(app);

        var html = await HtmlAsync(app, "/recherche?q=tonelles");

        Assert.Contains("Résultats pour « tonnelles » (vous aviez tapé « tonelles »)", VisibleText(html));
        Assert.Contains("<a href=\"/recherche?q=tonnelles\">", html);
        Assert.Contains("<mark>Tonnelles</mark>", WebUtility.HtmlDecode(html));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_result_offers_a_wider_radius_and_one_filter_less_each_with_what_it_finds(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lens = await new OrganizationBuilder().Named("Mine de rien").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);
        var lille = await new OrganizationBuilder().Named("Roue libre").SaveAsync(app);
        await new ListingBuilder(lens).Titled("Salle de réunion").Described("Pour vos assemblées.").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Minibus 9 places").WithModes("loan").SaveAsync(app);

        // Lille is about 27 km from Lens.
        var (html, _) = await PageAsync(app, "/recherche?q=minibus&commune=62498&radiusKm=10");
        var text = VisibleText(html);

        Assert.Contains("Aucune annonce ne correspond à « minibus »", text);
        Assert.Contains("Élargir le rayon à 30 km (1 annonce)", text);
        Assert.Contains("href=\"/recherche?q=minibus&amp;commune=62498&amp;radiusKm=30\"", html);
        Assert.Contains("Retirer le filtre « Lens, 10 km » (1 annonce)", text);
        Assert.Contains("href=\"/recherche?q=minibus\"", html);

        var withMode = VisibleText(await HtmlAsync(app, "/recherche?q=minibus&mode=sale&kind=offer"));
        Assert.Contains("Retirer le filtre « Vente » (1 annonce)", withMode);
        Assert.DoesNotContain("Retirer le filtre « Offres »", withMode);   // it would still find nothing
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_result_offers_nearby_words_of_the_thesaurus_that_find_something(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Perforateur à prêter").SaveAsync(app);

        // The seeded thesaurus groups "perforateur ; marteau perforateur ; perceuse à percussion";
        // "marteau" alone is no term of it, so the search looks for that word only.
        var (html, _) = await PageAsync(app, "/recherche?q=marteau");
        var text = VisibleText(html);

        Assert.Contains("Aucune annonce ne correspond à « marteau »", text);
        Assert.Contains("Des mots voisins", text);
        Assert.Contains("<a href=\"/recherche?q=perforateur\">perforateur</a>", html);
        Assert.Contains("perforateur (1 annonce)", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_result_in_a_category_offers_the_whole_category_and_the_filters_without_the_words(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Salle de réunion").InCategory("premises").WithModes("rental").SaveAsync(app);
        await new ListingBuilder(org).Titled("Bureau partagé").InCategory("premises").WithModes("loan").SaveAsync(app);

        var text = VisibleText(await HtmlAsync(app, "/recherche?q=perceuse&category=premises&mode=loan"));

        Assert.Contains("Les annonces de ces filtres, sans les mots « perceuse » (1 annonce)", text);
        Assert.Contains("Toute la catégorie « Locaux et espaces » (2 annonces)", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task Bad_filter_values_are_explained_in_french_and_the_rest_of_the_search_still_runs(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await SeedFacetListingsAsync(app);

        var html = await HtmlAsync(app, "/recherche?q=tonnelle&kind=both&category=nope&category=premises&market=peut-etre&sort=au-hasard&page=deux&territory=99999");
        var text = VisibleText(html);

        Assert.Contains("Le type d'annonce demandé n'existe pas", text);
        Assert.Contains("La catégorie « nope » n'existe pas.", text);
        Assert.Contains("Le choix « marchand ou non » n'a pas été compris", text);
        Assert.Contains("L'ordre demandé n'existe pas", text);
        Assert.Contains("Le numéro de page n'a pas été compris", text);
        Assert.Contains("Le territoire « 99999 » n'existe pas", text);
        Assert.Contains("1 annonce trouvée pour « tonnelle »", text);
        Assert.Contains("Local pour une tonnelle", text);
        Assert.Contains("id=\"category-premises\" name=\"category\" value=\"premises\" checked=\"checked\"", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_map_view_without_javascript_lists_the_results_with_their_commune_and_distance(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lens = await new OrganizationBuilder().Named("Mine de rien").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);
        var lille = await new OrganizationBuilder().Named("Roue libre").SaveAsync(app);
        await new ListingBuilder(lens).Titled("Minibus 9 places").SaveAsync(app);
        await new ListingBuilder(lille).Titled("Minibus pour sorties").SaveAsync(app);

        var html = await HtmlAsync(app, "/recherche?q=minibus&commune=62498&radiusKm=50&view=map");
        var text = VisibleText(html);

        Assert.Contains("La carte a besoin de JavaScript", text);
        Assert.Contains("id=\"map\" class=\"map\" role=\"region\" aria-label=\"Carte des annonces trouvées\"", WebUtility.HtmlDecode(html));
        Assert.Matches("Minibus 9 places · Offre · Lens · à 0 km", text);
        Assert.Matches(@"Minibus pour sorties · Offre · Lille · à 2\d,\d km", text);
        Assert.Contains("data-lat=\"50.6292\" data-lon=\"3.0573\"", html);
        Assert.Contains("<a href=\"/recherche?q=minibus&amp;commune=62498&amp;radiusKm=50\" aria-current=\"page\">Liste</a>".Replace(" aria-current=\"page\"", ""), html);
        Assert.Contains("src=\"/lib/leaflet/leaflet.js\"", html);
    }

    [SkippableTheory, BothDatabases]
    public async Task Nearest_first_is_offered_only_with_a_place(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Mine de rien").In("62498", "Lens", 50.4328, 2.8277).SaveAsync(app);

        Assert.Contains("<option value=\"nearest\" disabled=\"disabled\">Plus proches (indiquez une commune)</option>",
            WebUtility.HtmlDecode(await HtmlAsync(app, "/recherche")));
        Assert.Contains("<option value=\"nearest\" selected=\"selected\">Plus proches</option>",
            WebUtility.HtmlDecode(await HtmlAsync(app, "/recherche?commune=62498&sort=nearest")));
    }
}
