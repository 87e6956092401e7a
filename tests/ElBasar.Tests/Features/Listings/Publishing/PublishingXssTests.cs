using System.Net;
using System.Net.Http.Json;
using ElBasar.Tests.Support;

namespace ElBasar.Tests.Features.Listings.Publishing;

/// <summary>What people type comes back as text everywhere it is shown, never as markup.</summary>
public sealed class PublishingXssTests
{
    public static readonly string[] Payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"];

    [SkippableTheory, BothDatabases]
    public async Task Markup_typed_in_a_listing_is_shown_encoded_on_its_page_in_search_and_in_the_organisation_space(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: organization.Id);
        var ids = new List<Guid>();
        foreach (var payload in Payloads)
        {
            var body = People.Body(organization.Id, $"Tonnelle {payload}");
            body["description"] = $"Description {payload}\nhttps://exemple.fr/{payload}";
            var response = await camille.Api.PostAsJsonAsync("/api/v1/listings", body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<IdOnly>())!.Id);
        }
        var form = People.Form($"Tonnelle {Payloads[1]}", organization.Id);
        form["Input.Description"] = Payloads[0];
        var fromPage = await camille.Browser.SubmitAsync("/annonces/nouvelle", form);
        Assert.Equal(HttpStatusCode.Redirect, fromPage.StatusCode);

        var pages = new List<(string Where, string Html)>
        {
            ("search", await app.GetPageAsync("/recherche?q=tonnelle")),
            ("home", await app.GetPageAsync("/")),
            ("organisation space", await Directory.SignedIn.PageAsync(camille.Browser, $"/structures/{organization.Id}/annonces")),
            ("edit form", await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/{ids[1]}/modifier")),
        };
        foreach (var id in ids) pages.Add(($"page {id}", await app.GetPageAsync($"/annonces/{id}")));
        pages.Add(("owner's page", await Directory.SignedIn.PageAsync(camille.Browser, $"/annonces/{ids[0]}")));

        foreach (var (where, html) in pages)
        {
            Assert.False(html.Contains("<script>alert(1)", StringComparison.OrdinalIgnoreCase), $"A raw script on {where}.");
            Assert.False(html.Contains("<img src=x", StringComparison.OrdinalIgnoreCase), $"A raw image on {where}.");
            Assert.False(html.Contains("\"><img", StringComparison.Ordinal), $"An attribute broken out of on {where}.");
            Assert.Contains("Tonnelle", html);
        }
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", pages.Single(p => p.Where == "page " + ids[0]).Html);
    }

    sealed record IdOnly(Guid Id);
}
