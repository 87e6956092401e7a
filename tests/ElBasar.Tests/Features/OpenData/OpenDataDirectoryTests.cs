using System.Net;
using System.Text;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.OpenData;

/// <summary>The directory file holds the public organisations and their public fields only; the licences are the admins' choice.</summary>
public sealed class OpenDataDirectoryTests
{
    static async Task<(HttpResponseMessage Response, List<string[]> Lines)> DirectoryAsync(TestApp app)
    {
        var response = await app.CreateClient().GetAsync("/donnees-ouvertes/annuaire.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        return (response, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList());
    }

    [SkippableTheory, BothDatabases]
    public async Task The_directory_holds_public_organisations_and_their_public_fields_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, new() { ["Site:BaseUrl"] = "https://elbasar.example.org" });
        var lille = await new OrganizationBuilder().Named("Atelier Roue Libre").WithActivities("vélo", "réparation").SaveAsync(app);
        var brest = await new OrganizationBuilder().Named("Ressourcerie du Ponant").NotMember().In("29019", "Brest", 48.3904, -4.4861).SaveAsync(app);
        var hidden = await new OrganizationBuilder().Named("Structure masquée").SaveAsync(app);
        var person = await new OrganizationBuilder().Named("Camille Martin").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Organizations.Where(o => o.Id == lille.Id).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Website, "https://roue-libre.example.org").SetProperty(o => o.WebsiteVisibility, ContactVisibility.Public)
                .SetProperty(o => o.Phone, "03 20 00 00 00").SetProperty(o => o.PhoneVisibility, ContactVisibility.Public));
            await db.Organizations.Where(o => o.Id == brest.Id).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Website, "https://reserve.example.org").SetProperty(o => o.WebsiteVisibility, ContactVisibility.Members));
            await db.Organizations.Where(o => o.Id == hidden.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrganizationStatus.Hidden));
            await db.Organizations.Where(o => o.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Kind, OrganizationKind.Individual));
        });

        var (response, lines) = await DirectoryAsync(app);

        Assert.Equal("<https://opendatacommons.org/licenses/odbl/1-0/>; rel=\"license\"", response.Headers.GetValues("Link").Single());
        Assert.Equal(["identifiant", "nom", "forme_juridique", "commune", "code_insee", "code_postal", "site_web", "activites", "membre_du_reseau",
            "latitude", "longitude", "fiche"], lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.Equal([lille.Id.ToString(), "Atelier Roue Libre", "Association", "Lille", "59350", "59000", "https://roue-libre.example.org",
            "vélo | réparation", "oui", "50,6292", "3,0573", $"https://elbasar.example.org/structures/{lille.Id}"], lines[1]);
        // A members-only website stays out; a longitude west of Greenwich is a number, not a defused formula.
        Assert.Equal([brest.Id.ToString(), "Ressourcerie du Ponant", "Association", "Brest", "29019", "59000", "", "", "non", "48,3904", "-4,4861",
            $"https://elbasar.example.org/structures/{brest.Id}"], lines[2]);
        var text = string.Join("\n", lines.Select(l => string.Join(';', l)));
        Assert.DoesNotContain("03 20", text);
        Assert.DoesNotContain("contact@roue-libre", text);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_admins_choose_the_licences_shown_on_the_page_and_sent_with_the_files(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var page = await app.GetPageAsync("/donnees-ouvertes");
        Assert.Contains("Licence Ouverte / Etalab 2.0", page);
        Assert.Contains("Open Database License (ODbL) 1.0", page);
        Assert.Contains("secret statistique", page);

        await app.CreateAccountAsync("admin@example.org", SiteRoles.Admin, "Alex Admin");
        var admin = await app.SignedInAsync("admin@example.org");
        var refused = await admin.PostFormAsync("/admin/reglages", "/admin/reglages/donnees-ouvertes",
            new Dictionary<string, string> { ["FiguresLicence"] = "tous-droits-reserves", ["DirectoryLicence"] = "odbl-1.0" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choisissez la licence des chiffres", await refused.Content.ReadAsStringAsync());

        var saved = await admin.PostFormAsync("/admin/reglages", "/admin/reglages/donnees-ouvertes",
            new Dictionary<string, string> { ["FiguresLicence"] = "cc-by-4.0", ["DirectoryLicence"] = "cc0-1.0" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Les licences des données ouvertes sont enregistrées.", Html.VisibleText(await admin.GetStringAsync("/admin/reglages")));

        var months = await app.CreateClient().GetAsync("/donnees-ouvertes/activite-mois.csv");
        Assert.Equal("<https://creativecommons.org/licenses/by/4.0/deed.fr>; rel=\"license\"", months.Headers.GetValues("Link").Single());
        var (directory, _) = await DirectoryAsync(app);
        Assert.Equal("<https://creativecommons.org/publicdomain/zero/1.0/deed.fr>; rel=\"license\"", directory.Headers.GetValues("Link").Single());
        page = await app.GetPageAsync("/donnees-ouvertes");
        Assert.Contains("Creative Commons Attribution 4.0 (CC BY 4.0)", page);
        Assert.DoesNotContain("Licence Ouverte / Etalab 2.0", page);
        var journal = await app.WithDbAsync((db, _) => db.Set<ElBasar.Web.Features.Administration.Audit.AuditEntry>().Select(e => e.Summary).ToListAsync());
        Assert.Contains(journal, s => s.Contains("licence de l'annuaire"));

        await app.CreateAccountAsync("membre@example.org");
        var member = await app.SignedInAsync("membre@example.org");
        var forbidden = await member.GetAsync("/admin/reglages/donnees-ouvertes");
        Assert.StartsWith("/erreur/403", forbidden.Headers.Location?.PathAndQuery);
    }
}
