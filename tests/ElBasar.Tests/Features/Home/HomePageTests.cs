using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Home;
using Microsoft.AspNetCore.Mvc;

namespace ElBasar.Tests.Features.Home;

public sealed class HomePageTests
{
    [SkippableTheory, BothDatabases]
    public async Task The_home_page_is_a_french_html_page_with_the_network_figures(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        await new OrganizationBuilder().Named("Le Panier de Wazemmes").SaveAsync(app);
        await new OrganizationBuilder().Named("Voisins de passage").NotMember().SaveAsync(app);
        await new ListingBuilder(first).Titled("Tonnelle à prêter").SaveAsync(app);
        await new ListingBuilder(first).Titled("Vélo cargo à louer").WithModes("rental").SaveAsync(app);
        await new ListingBuilder(first).Titled("Chaises pliantes à donner").WithModes("donation").SaveAsync(app);
        await new ListingBuilder(first).Titled("Cherche une salle de réunion").Demand().SaveAsync(app);
        await new ListingBuilder(first).Titled("Barnum de l'an dernier").ExpiredDaysAgo(2).SaveAsync(app);

        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\"", html);
        var text = Html.VisibleText(html);
        Assert.Contains("2 membres du réseau", text);
        Assert.Contains("3 offres en cours", text);
        // "1 demande" in good French; the page writes the plural whatever the number (reported).
        Assert.Matches(@"(^| )1 demandes? en cours", text);

        // The members are counted again a minute later, not on each visit.
        await new OrganizationBuilder().Named("La Ressourcerie").SaveAsync(app);
        Assert.Contains("2 membres du réseau", Html.VisibleText(await app.CreateClient().GetStringAsync("/")));
        app.Clock.Advance(MemberCounts.Lifetime);
        Assert.Contains("3 membres du réseau", Html.VisibleText(await app.CreateClient().GetStringAsync("/")));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_home_page_links_to_the_latest_live_offers_and_demands(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await new OrganizationBuilder().SaveAsync(app);
        var offer = await new ListingBuilder(org).Titled("Minibus 9 places à prêter").SaveAsync(app);
        var demand = await new ListingBuilder(org).Titled("Cherche un vidéoprojecteur").Demand().SaveAsync(app);
        var expired = await new ListingBuilder(org).Titled("Sono pour la fête de l'été").ExpiredDaysAgo(1).SaveAsync(app);

        var html = await app.CreateClient().GetStringAsync("/");

        var text = Html.VisibleText(html);
        Assert.Contains("Minibus 9 places à prêter", text);
        Assert.Contains("Cherche un vidéoprojecteur", text);
        Assert.Contains($"href=\"/annonces/{offer.Id}\"", html);
        Assert.Contains($"href=\"/annonces/{demand.Id}\"", html);
        Assert.DoesNotContain("Sono pour la fête de l'été", text);
        Assert.DoesNotContain(expired.Id.ToString(), html);
        Assert.True(text.IndexOf("Dernières offres", StringComparison.Ordinal) < text.IndexOf("Minibus 9 places", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Dernières demandes", StringComparison.Ordinal) < text.IndexOf("Cherche un vidéoprojecteur", StringComparison.Ordinal));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_empty_network_says_so_rather_than_failing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var response = await app.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Html.VisibleText(await response.Content.ReadAsStringAsync());
        Assert.Matches(@"(^| )0 membres? du réseau", text);
        Assert.Contains("Aucune offre pour le moment.", text);
        Assert.Contains("Aucune demande pour le moment.", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task Health_answers_and_readiness_says_healthy_once_the_database_is_migrated(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var health = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/listings")]
    [InlineData("/nexiste-pas")]
    public async Task Every_response_carries_a_strict_content_security_policy_nosniff_and_a_referrer_policy(string path)
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.CreateClient().GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("'unsafe-inline'", policy);
        Assert.DoesNotContain("'unsafe-eval'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/nexiste-pas")]
    [InlineData("/annonces/pas-un-identifiant")]
    public async Task An_unknown_page_answers_404_with_a_french_page(string path)
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\"", html);
        Assert.Contains("Page introuvable", Html.VisibleText(html));
    }

    [Fact]
    public async Task An_unknown_api_address_answers_404_problem_json()
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.CreateClient().GetAsync("/api/v1/nothing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(404, problem!.Status);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalogue()
    {
        await using var app = await TestApp.StartAsync("sqlite");

        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/listings", out _));
        Assert.True(paths.TryGetProperty("/api/v1/listings/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/organizations", out _));
    }
}
