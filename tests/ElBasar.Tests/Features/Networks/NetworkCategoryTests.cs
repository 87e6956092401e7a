using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Networks;

/// <summary>A network's own categories: added by its facilitator, offered and searched in that network only, refused elsewhere, imported for its organisations only.</summary>
public sealed class NetworkCategoryTests : IDisposable
{
    const string Festival = Networking.Festival;
    readonly string _folder = System.IO.Directory.CreateTempSubdirectory("elbasar-network-categories-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    static Dictionary<string, string> Publish(Organization organization, string category) => new()
    {
        ["Input.OrganizationId"] = organization.Id.ToString(), ["Input.Kind"] = "offer", ["Input.Title"] = "Scène mobile pour concerts",
        ["Input.Category"] = category, ["Input.ExchangeModes"] = "loan", ["Input.Visibility"] = "everyone",
    };

    [SkippableTheory, BothDatabases]
    public async Task A_network_category_is_offered_published_and_searched_in_that_network_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (a, b, facilitator) = await Networking.TwoNetworksAsync(app);
        // The page is the network's facilitators' and the admins': the others get 404.
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync("/reseaux/festivals-du-nord/categories")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync("/reseaux/reseau-lensois/categories")).StatusCode);

        await Networking.AddFestivalAsync(facilitator);
        Assert.Contains(Festival, Html.VisibleText(await facilitator.GetStringAsync("/reseaux/festivals-du-nord/categories")));

        var optionA = await a.Client.GetStringAsync("/annonces/nouvelle");
        Assert.Contains($"<option value=\"{Festival}\">Mat&#xE9;riel et &#xE9;quipement &#x203A; Mat&#xE9;riel de festival</option>", optionA);
        Assert.Contains($"value=\"{Festival}\"", await a.Client.GetStringAsync("/recherche"));
        Assert.DoesNotContain(Festival, await b.Client.GetStringAsync("/annonces/nouvelle"));
        Assert.DoesNotContain(Festival, await b.Client.GetStringAsync("/recherche"));
        Assert.DoesNotContain(Festival, await app.Browser().GetStringAsync("/recherche"));

        // B's organisation cannot take A's category, even by typing its code.
        var refused = await b.Client.SubmitAsync("/annonces/nouvelle", Publish(b.Organization, Festival));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("est propre à un autre réseau", Html.VisibleText(await refused.Content.ReadAsStringAsync()));

        var published = await a.Client.SubmitAsync("/annonces/nouvelle", Publish(a.Organization, Festival));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var listing = await app.WithDbAsync((db, _) => db.Listings.SingleAsync());
        Assert.Equal((a.Network.Id, Festival), (listing.NetworkId, listing.Category));
        Assert.Contains("Matériel et équipement › Matériel de festival", Html.VisibleText(await a.Client.GetStringAsync($"/annonces/{listing.Id}")));

        // Searched by it, in A: the filter counts and finds it; in B the code is unknown.
        var search = Html.VisibleText(await a.Client.GetStringAsync($"/recherche?category={Festival}"));
        Assert.Contains("Scène mobile pour concerts", search);
        Assert.Contains(listing.Id.ToString(), await a.Client.GetStringAsync($"/api/v1/listings?category={Festival}"));
        var elsewhere = await b.Client.GetAsync($"/api/v1/listings?category={Festival}");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("\"category\"", await elsewhere.Content.ReadAsStringAsync());

        // A category in use stays.
        var kept = await facilitator.PostFormAsync("/reseaux/festivals-du-nord/categories", $"/reseaux/festivals-du-nord/categories?handler=Remove&category={Festival}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Contains("elle reste tant qu'une annonce l'utilise", Html.VisibleText(await kept.Content.ReadAsStringAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_network_category_is_labelled_wherever_its_listing_shows_and_never_takes_a_shared_slug(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (a, _, facilitator) = await Networking.TwoNetworksAsync(app);
        await Networking.AddFestivalAsync(facilitator);
        var taxonomy = app.Services.GetRequiredService<Taxonomy>();
        Assert.Equal("Matériel et équipement › Matériel de festival", taxonomy.CategoryLabel(Festival));
        Assert.Null(taxonomy.FindCategory(Festival));
        Assert.Equal(a.Network.Id, taxonomy.NetworkOfCategory(Festival));

        // A label whose slug is a shared one gets another slug; a shared label is refused.
        var clash = await facilitator.PostFormAsync("/reseaux/festivals-du-nord/categories", "/reseaux/festivals-du-nord/categories?handler=Add",
            new Dictionary<string, string> { ["Label"] = "Equipment", ["Parent"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, clash.StatusCode);
        Assert.True(await app.WithDbAsync((db, _) => db.Set<NetworkCategory>().AnyAsync(c => c.Slug == "equipment-2" && c.ParentSlug == null)));
        var shared = await facilitator.PostFormAsync("/reseaux/festivals-du-nord/categories", "/reseaux/festivals-du-nord/categories?handler=Add",
            new Dictionary<string, string> { ["Label"] = "Locaux et espaces", ["Parent"] = "" });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Contains("La taxonomie commune a déjà une catégorie « Locaux et espaces »", Html.VisibleText(await shared.Content.ReadAsStringAsync()));

        // An admin's new shared category never takes a network's slug either.
        var (added, _) = await app.WithDbAsync(async (db, services) =>
        {
            var editor = services.GetRequiredService<TaxonomyEditor>();
            var result = await editor.AddAsync(TaxonomyKind.Category, "Matériel de festival", false, CancellationToken.None);
            await editor.SaveAsync(CancellationToken.None);
            return result;
        });
        Assert.Equal("materiel-de-festival-2", added!.Slug);
        Assert.Equal("Matériel de festival", taxonomy.CategoryLabel("materiel-de-festival-2"));
        Assert.Equal("Matériel et équipement › Matériel de festival", taxonomy.CategoryLabel(Festival));
    }

    [SkippableTheory, BothDatabases]
    public async Task Import_takes_a_network_category_only_for_that_networks_organisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (a, _, facilitator) = await Networking.TwoNetworksAsync(app);
        await Networking.AddFestivalAsync(facilitator);
        var path = Path.Combine(_folder, "listings.jsonl");
        File.WriteAllLines(path,
        [
            $$"""{"externalId":"l-1","organizationExternalId":"org-a","kind":"offer","title":"Barnums de festival","category":"{{Festival}}","exchangeModes":["loan"]}""",
            $$"""{"externalId":"l-2","organizationExternalId":"org-b","kind":"offer","title":"Gradins mobiles","category":"{{Festival}}","exchangeModes":["loan"]}""",
            """{"externalId":"l-3","organizationExternalId":"org-a","kind":"offer","title":"Groupe électrogène","category":"materiel-de-plage","exchangeModes":["loan"]}""",
        ]);
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await ImportCommand.RunAsync(app.Services, ["listings", path], output, errors);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains($"ligne 2 rejetée : la catégorie « {Festival} » est propre au réseau « Festivals du Nord », dont l'organisation « org-b » n'est pas membre", text);
        Assert.Contains("ligne 3 rejetée : la catégorie « materiel-de-plage » n'existe pas", text);
        var imported = await app.WithDbAsync((db, _) => db.Listings.SingleAsync());
        Assert.Equal(("l-1", a.Network.Id, Festival), (imported.ExternalId, imported.NetworkId, imported.Category));
    }
}
