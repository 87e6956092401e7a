using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Features.Listings.Publishing;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Listings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Administration;

public sealed class TaxonomyTests
{
    const string Page = "/admin/taxonomie";

    static Task<HttpResponseMessage> PostAsync(HttpClient admin, string handler, Dictionary<string, string> fields) =>
        admin.PostFormAsync(Page, $"{Page}?handler={handler}", fields);

    [SkippableTheory, BothDatabases]
    public async Task A_new_category_and_mode_reach_the_publishing_form_the_api_and_the_search_facets(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);

        var category = await PostAsync(admin, "Add", new() { ["kind"] = "category", ["label"] = "Vélos & cargos" });
        var mode = await PostAsync(admin, "Add", new() { ["kind"] = "mode", ["label"] = "Échange de savoirs", ["market"] = "false" });

        Assert.Equal(HttpStatusCode.Redirect, category.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, mode.StatusCode);
        Assert.Contains("« Échange de savoirs » est ajouté, avec la clé echange-de-savoirs.", Html.VisibleText(await admin.GetStringAsync(Page)));
        var org = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var camille = await People.CreateAsync(app, "camille@example.org", organizationId: org.Id);
        var form = await camille.Browser.GetStringAsync("/annonces/nouvelle");
        Assert.Contains("value=\"velos-cargos\"", form);
        Assert.Contains("value=\"echange-de-savoirs\"", form);
        var body = People.Body(org.Id, "Biporteur à prêter");
        (body["category"], body["exchangeModes"]) = ("velos-cargos", new[] { "echange-de-savoirs" });
        Assert.Equal(HttpStatusCode.Created, (await camille.Api.PostAsJsonAsync("/api/v1/listings", body)).StatusCode);

        var search = Html.VisibleText(await app.CreateClient().GetStringAsync("/recherche?category=velos-cargos"));
        Assert.Contains("Vélos & cargos (1)", search);
        Assert.Contains("Échange de savoirs (1)", search);
        var api = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/listings?category=velos-cargos&mode=echange-de-savoirs");
        Assert.Equal("Biporteur à prêter", Assert.Single(api.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(["velos-cargos", "echange-de-savoirs"], await app.WithDbAsync(async (db, _) =>
            (await db.Categories.Where(c => c.Slug == "velos-cargos").Select(c => c.Slug).ToListAsync())
                .Concat(await db.ExchangeModes.Where(m => m.Slug == "echange-de-savoirs").Select(m => m.Slug).ToListAsync()).ToList()));
        Assert.Equal([AuditActions.TaxonomyAdded, AuditActions.TaxonomyAdded], (await Admins.AuditAsync(app)).Select(e => e.Action));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_built_in_term_is_renamed_but_keeps_its_key_and_is_never_deleted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);

        var renamed = await PostAsync(admin, "Rename", new() { ["kind"] = "category", ["slug"] = "equipment", ["label"] = "Outils et matériel" });
        var deleted = await PostAsync(admin, "Delete", new() { ["kind"] = "category", ["slug"] = "equipment" });

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Outils et matériel", Html.VisibleText(await app.CreateClient().GetStringAsync("/recherche")));
        Assert.Equal("Outils et matériel", app.Services.GetRequiredService<Taxonomy>().CategoryLabel("equipment"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Contains("fait partie de la taxonomie commune (clé equipment, utilisée par l'import et l'API) : on peut la renommer, pas la supprimer.",
            Html.VisibleText(await deleted.Content.ReadAsStringAsync()));
        Assert.Equal("Outils et matériel", await app.WithDbAsync((db, _) => db.Categories.Where(c => c.Slug == "equipment").Select(c => c.Label).SingleAsync()));
        var entry = Assert.Single(await Admins.AuditAsync(app));
        Assert.Equal("Catégorie equipment renommée : « Matériel et équipement » → « Outils et matériel ».", entry.Summary);

        // The start-up seed writes the contract's labels, then the admins' on top.
        await app.WithDbAsync(async (db, services) =>
        {
            await services.GetRequiredService<Taxonomy>().SeedAsync(db, app.Clock.GetUtcNow(), default);
            return 0;
        });
        Assert.Equal("Outils et matériel", app.Services.GetRequiredService<Taxonomy>().CategoryLabel("equipment"));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_added_category_is_deleted_only_once_nothing_uses_it_and_a_taken_name_is_refused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await Admins.AdminAsync(app);
        await PostAsync(admin, "Add", new() { ["kind"] = "category", ["label"] = "Jardins partagés" });
        await PostAsync(admin, "Add", new() { ["kind"] = "category", ["label"] = "Semences" });
        var org = await new OrganizationBuilder().SaveAsync(app);
        await new ListingBuilder(org).Titled("Parcelle à partager").InCategory("jardins-partages").SaveAsync(app);
        await new ListingBuilder(org).Titled("Bac de culture").InCategory("jardins-partages").SaveAsync(app);

        var inUse = await PostAsync(admin, "Delete", new() { ["kind"] = "category", ["slug"] = "jardins-partages" });
        var taken = await PostAsync(admin, "Add", new() { ["kind"] = "category", ["label"] = "  jardins PARTAGÉS " });
        var unused = await PostAsync(admin, "Delete", new() { ["kind"] = "category", ["slug"] = "semences" });

        Assert.Equal(HttpStatusCode.OK, inUse.StatusCode);
        Assert.Contains("« Jardins partagés » ne peut pas être supprimée : 2 annonces et 0 échanges l'utilisent.", Html.VisibleText(await inUse.Content.ReadAsStringAsync()));
        var takenHtml = await taken.Content.ReadAsStringAsync();
        Assert.Contains("Une catégorie porte déjà ce nom.", Html.VisibleText(takenHtml));
        Assert.Contains("value=\"  jardins PARTAGÉS \"", WebUtility.HtmlDecode(takenHtml));
        Assert.Equal(HttpStatusCode.Redirect, unused.StatusCode);
        var taxonomy = app.Services.GetRequiredService<Taxonomy>();
        Assert.NotNull(taxonomy.FindCategory("jardins-partages"));
        Assert.Null(taxonomy.FindCategory("semences"));
        Assert.Contains("jardins-partages 2 annonces, 0 échanges", Html.VisibleText(await admin.GetStringAsync(Page)));
        Assert.False(await app.WithDbAsync((db, _) => db.Categories.AnyAsync(c => c.Slug == "semences")));
        Assert.Equal([AuditActions.TaxonomyAdded, AuditActions.TaxonomyAdded, AuditActions.TaxonomyDeleted],
            (await Admins.AuditAsync(app)).Select(e => e.Action));
    }

    [SkippableTheory, BothDatabases]
    public async Task Another_web_node_sees_an_addition_once_its_copy_is_older_than_the_lifetime(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var other = TestApp.StartOn(app.Database);
        var admin = await Admins.AdminAsync(app);
        Assert.DoesNotContain("Jardins partagés", Html.VisibleText(await other.CreateClient().GetStringAsync("/recherche")));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, "Add", new() { ["kind"] = "category", ["label"] = "Jardins partagés" })).StatusCode);
        other.Clock.Advance(Taxonomy.Lifetime);

        Assert.Contains("Jardins partagés", Html.VisibleText(await other.CreateClient().GetStringAsync("/recherche")));
    }

    [Theory]
    [InlineData("Vélos & cargos", "velos-cargos")]
    [InlineData("  Œuvres d'art  ", "oeuvres-d-art")]
    [InlineData("Ateliers « zéro déchet »", "ateliers-zero-dechet")]
    [InlineData("!!!", "")]
    public void The_key_of_a_new_term_is_plain_ascii(string label, string slug) => Assert.Equal(slug, TaxonomyEditor.SlugOf(label));
}
