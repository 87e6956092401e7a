using ElBasar.Web.Features.Administration.Audit;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership;
using ElBasar.Web.Features.Membership.Import;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Membership.Import;

public sealed partial class MemberImportTests
{
    const string Facilitator = "animation@example.org";

    // As French Excel saves "CSV (séparateur : point-virgule)": Windows-1252, CRLF, blank rows kept.
    const string MessyFile =
        "Nom de la structure;Forme juridique;SIRET;Courriel;Téléphone;Adresse;Code postal;Ville;Salariés;Contact;Année;Cotisation;Mode de paiement\r\n" +
        "Épicerie solidaire Çà et là;Association;123 456 789 00012;contact@epicerie.example.org;03 20 00 00 01;\"12 rue de l'Œuvre; bât. B\";59000;Lille;oui;Françoise Lœuvre;2026;50;Chèque\r\n" +
        "\r\n" +
        "Cœur de quartier;asso;;coeur@example.org;;;5900;Lille;0;;;;\r\n" +
        ";;;;;;;;;;;;\r\n" +
        "Régie des Écrins;SCOP;98765432100015;regie@@example;;;59100;Roubaix;12;;2026;;virement\r\n" +
        "Épicerie solidaire Çà et là;Association;12345678900012;autre@example.org;;;59000;Lille;;;;;\r\n" +
        "Atelier Vélo;Association;;velo@example.org;;;59000;Lille;;;2026;20;CB\r\n" +
        "Tiers-lieu L'Usine;SCIC;;;;;59200;Tourcoing;3;;2026;;\r\n";

    static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    [Fact]
    public void A_windows_1252_semicolon_file_is_read_with_its_accents_quoted_cells_and_spreadsheet_line_numbers()
    {
        var bytes = Windows1252(MessyFile);
        Assert.Contains((byte)0x9C, bytes);

        var sheet = SpreadsheetCsv.Read(bytes);

        Assert.Equal(("Windows-1252", ';'), (sheet.EncodingName, sheet.Separator));
        Assert.Equal([2, 4, 6, 7, 8, 9], sheet.Rows.Select(r => r.Line));
        Assert.Equal("Épicerie solidaire Çà et là", sheet.Rows[0].Cell(0));
        Assert.Equal("12 rue de l'Œuvre; bât. B", sheet.Rows[0].Cell(5));
        Assert.Equal("Françoise Lœuvre", sheet.Rows[0].Cell(9));
        Assert.Equal(
            [MemberField.Name, MemberField.LegalForm, MemberField.Siret, MemberField.Email, MemberField.Phone, MemberField.Address, MemberField.PostalCode,
             MemberField.Commune, MemberField.Employees, MemberField.Contact, MemberField.Year, MemberField.Fee, MemberField.Method],
            MemberFields.Guess(sheet.Headers));
    }

    [Theory]
    [InlineData("Raison sociale", MemberField.Name)]
    [InlineData("Adresse mail", MemberField.Email)]
    [InlineData("CP", MemberField.PostalCode)]
    [InlineData("Date de paiement", MemberField.PaidOn)]
    [InlineData("Règlement", MemberField.Method)]
    [InlineData("Nom du contact", MemberField.Contact)]
    [InlineData("Effectif salarié", MemberField.Employees)]
    [InlineData("Remarques", MemberField.Ignore)]
    public void A_column_s_field_is_guessed_from_its_french_header(string header, MemberField expected) =>
        Assert.Equal(expected, MemberFields.Guess([header])[0]);

    [Fact]
    public void A_utf8_file_with_a_bom_and_commas_keeps_quoted_commas_and_line_breaks()
    {
        var text = "Raison sociale,Commune\n\"Recyclerie, du Sud\",Roubaix\n\"Atelier\nsur deux lignes\",Lille\nJardin,Lille\n";
        var sheet = SpreadsheetCsv.Read([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]);

        Assert.Equal(("UTF-8", ','), (sheet.EncodingName, sheet.Separator));
        Assert.Equal(["Raison sociale", "Commune"], sheet.Headers);
        Assert.Equal("Recyclerie, du Sud", sheet.Rows[0].Cell(0));
        Assert.Equal([2, 3, 5], sheet.Rows.Select(r => r.Line));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_messy_file_s_preview_shows_each_problem_on_its_line_and_writes_nothing_then_the_import_skips_those_lines(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var organizationsBefore = await app.WithDbAsync((db, _) => db.Organizations.CountAsync());

        var preview = await UploadAsync(staff, "adherents.csv", Windows1252(MessyFile));
        var page = Html.VisibleText(await staff.GetStringAsync(preview + "?apercu=1"));

        Assert.Contains("séparateur « ; », encodage Windows-1252", page);
        Assert.Contains("Aperçu, rien n'est encore enregistré : 2 à créer, 0 à mettre à jour, 0 inchangées, 4 lignes en erreur.", page);
        Assert.Contains("Ligne 4 : le code postal « 5900 » doit avoir 5 chiffres", page);
        Assert.Contains("Ligne 6 : le courriel « regie@@example » n'est pas une adresse valide", page);
        Assert.Contains("Ligne 7 : doublon de la ligne 2 (même SIRET)", page);
        Assert.Contains("Ligne 8 : le mode de règlement « CB » est inconnu : virement, chèque, espèces ou exonérée", page);
        Assert.DoesNotContain("Ligne 3 ", page);
        Assert.DoesNotContain("Ligne 5 ", page);
        Assert.Equal(organizationsBefore, await app.WithDbAsync((db, _) => db.Organizations.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Memberships.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.MemberDetails.CountAsync()));

        var done = Html.VisibleText(await (await ImportAsync(staff, preview)).Content.ReadAsStringAsync());

        Assert.Contains("Import terminé : 2 créées, 0 mises à jour, 0 inchangées, 4 lignes en erreur non importées.", done);
        var epicerie = await app.WithDbAsync((db, _) => db.Organizations.AsNoTracking().SingleAsync(o => o.Name == "Épicerie solidaire Çà et là"));
        Assert.Equal(("association", "Lille", "59350", "59000", 1), (epicerie.LegalForm, epicerie.Commune, epicerie.CommuneInsee, epicerie.PostalCode, epicerie.Employees));
        Assert.Equal(ContactVisibility.Members, epicerie.EmailVisibility);
        var details = await app.WithDbAsync((db, _) => db.MemberDetails.AsNoTracking().SingleAsync(d => d.OrganizationId == epicerie.Id));
        Assert.Equal(("12345678900012", "12 rue de l'Œuvre; bât. B", "Françoise Lœuvre"), (details.Siret, details.Address, details.ContactName));
        var paid = await app.WithDbAsync((db, _) => db.Memberships.AsNoTracking().SingleAsync(m => m.OrganizationId == epicerie.Id));
        Assert.Equal((MembershipStatus.Active, 2026, 50m, true, PaymentMethod.Cheque, "2026-0001"),
            (paid.Status, paid.Year, paid.FeeEur, paid.Solidarity, paid.PaidWith, paid.ReceiptNumber));
        var record = Html.VisibleText(await staff.GetStringAsync($"/animation/adhesions/{epicerie.Id}"));
        Assert.Contains("SIRET : 12345678900012", record);
        Assert.Contains("Personne à contacter : Françoise Lœuvre", record);
        var found = Html.VisibleText(await staff.GetStringAsync("/animation/adhesions?nom=123+456+789"));
        Assert.Contains("Épicerie solidaire Çà et là", found);
        Assert.Contains("1 sur", found);
        Assert.Contains("Tiers-lieu L'Usine", Html.VisibleText(await staff.GetStringAsync("/animation/adhesions?nom=tourcoing")));
        Assert.Contains(";contact@epicerie.example.org;12345678900012", await staff.GetStringAsync("/animation/adhesions.csv"));
        var tiersLieu = await app.WithDbAsync((db, _) => db.Organizations.AsNoTracking().SingleAsync(o => o.Name == "Tiers-lieu L'Usine"));
        Assert.Equal(MembershipStatus.Pending, await app.WithDbAsync((db, _) => db.Memberships.Where(m => m.OrganizationId == tiersLieu.Id).Select(m => m.Status).SingleAsync()));
        var homeId = await app.HomeNetworkIdAsync();
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.NetworkMemberships.CountAsync(m => m.NetworkId == homeId && m.IsMember && (m.OrganizationId == epicerie.Id || m.OrganizationId == tiersLieu.Id))));
        Assert.Equal(organizationsBefore + 2, await app.WithDbAsync((db, _) => db.Organizations.CountAsync()));
        var audited = await app.WithDbAsync((db, _) => db.Set<AuditEntry>().SingleAsync(e => e.Action == AuditActions.MembersImported));
        Assert.Contains("2 créées, 0 mises à jour, 0 inchangées, 4 en erreur", audited.Summary);
        Assert.NotEqual(AuditLog.SystemName, audited.ActorName);
    }

    [SkippableTheory, BothDatabases]
    public async Task Importing_again_updates_the_organisations_matched_by_siret_email_or_name_and_postcode_instead_of_duplicating(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var known = await new OrganizationBuilder().Named("Atelier Roue Libre").NotMember().SaveAsync(app);
        const string header = "Raison sociale,SIRET,Courriel,Téléphone,Code postal,Commune,Cotisation,Règlement,Date de paiement\r\n";
        var first = header +
            "\"Recyclerie, du Sud\",11122233300044,recyclerie@example.org,,59100,Roubaix,30,virement,15/03/2026\r\n" +
            "Jardin partagé,,jardin@example.org,,59000,Lille,,,\r\n" +
            "ATELIER ROUE-LIBRE,,,03 20 11 22 33,59000,Lille,,,\r\n";

        var preview = await UploadAsync(staff, "membres.csv", Utf8WithBom(first));
        var page = Html.VisibleText(await staff.GetStringAsync(preview + "?apercu=1"));
        Assert.Contains("séparateur « , », encodage UTF-8", page);
        Assert.Contains("2 à créer, 1 à mettre à jour, 0 inchangées, 0 lignes en erreur", page);
        Assert.Contains("téléphone", page);
        Assert.Contains("Import terminé : 2 créées, 1 mises à jour, 0 inchangées, 0 lignes en erreur", Html.VisibleText(await (await ImportAsync(staff, preview)).Content.ReadAsStringAsync()));
        var count = await app.WithDbAsync((db, _) => db.Organizations.CountAsync());

        var again = await UploadAsync(staff, "membres.csv", Utf8WithBom(first));
        Assert.Contains("Import terminé : 0 créées, 0 mises à jour, 3 inchangées, 0 lignes en erreur", Html.VisibleText(await (await ImportAsync(staff, again)).Content.ReadAsStringAsync()));
        Assert.Equal(count, await app.WithDbAsync((db, _) => db.Organizations.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.Memberships.CountAsync()));

        var changed = header +
            "Recyclerie du Sud,11122233300044,accueil@recyclerie.example.org,,59100,Roubaix,30,virement,15/03/2026\r\n" +
            "Jardin partagé des Bois,,jardin@example.org,,59000,Lille,,,\r\n";
        var third = await UploadAsync(staff, "membres-corrige.csv", Utf8WithBom(changed));
        Assert.Contains("Import terminé : 0 créées, 2 mises à jour, 0 inchangées, 0 lignes en erreur", Html.VisibleText(await (await ImportAsync(staff, third)).Content.ReadAsStringAsync()));

        Assert.Equal(count, await app.WithDbAsync((db, _) => db.Organizations.CountAsync()));
        var names = await app.WithDbAsync((db, _) => db.Organizations.OrderBy(o => o.Name).Select(o => new { o.Name, o.Email, o.Phone }).ToListAsync());
        Assert.Contains(names, o => o is { Name: "Recyclerie du Sud", Email: "accueil@recyclerie.example.org" });
        Assert.Contains(names, o => o is { Name: "Jardin partagé des Bois", Email: "jardin@example.org" });
        Assert.Contains(names, o => o is { Name: "ATELIER ROUE-LIBRE", Phone: "03 20 11 22 33" });
        var payment = await app.WithDbAsync((db, _) => db.Memberships.AsNoTracking().SingleAsync());
        Assert.Equal((30m, PaymentMethod.Transfer, "2026-0001", new DateTime(2026, 3, 15, 11, 0, 0)), (payment.FeeEur, payment.PaidWith, payment.ReceiptNumber, payment.PaidAt));
        Assert.Equal(known.Id, await app.WithDbAsync((db, _) => db.Organizations.Where(o => o.Phone == "03 20 11 22 33").Select(o => o.Id).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_columns_can_be_mapped_by_hand_and_a_file_without_a_name_column_is_refused_in_french(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var preview = await UploadAsync(staff, "liste.csv", Encoding.UTF8.GetBytes("Col A;Col B\nMaison des Possibles;59000\n"));

        var unmapped = Html.VisibleText(await staff.GetStringAsync(preview + "?apercu=1"));
        Assert.Contains("Choisissez la colonne qui donne le nom de la structure.", unmapped);

        var mapped = Html.VisibleText(await staff.GetStringAsync(preview + "?apercu=1&c0=nom&c1=code-postal"));
        Assert.Contains("1 à créer", mapped);
        var twice = Html.VisibleText(await staff.GetStringAsync(preview + "?apercu=1&c0=nom&c1=nom"));
        Assert.Contains("« Nom de la structure » est choisi pour plusieurs colonnes", twice);

        var refused = await staff.PostMultipartAsync("/animation/adhesions/import", "vide.csv", Encoding.UTF8.GetBytes("Nom;Ville\r\n\r\n;\r\n"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Le fichier ne contient aucune ligne sous la ligne des titres de colonnes.", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Only_facilitators_and_admins_import_members(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var staff = await app.SignedInAsync(Facilitator, SiteRoles.Facilitator);
        var preview = await UploadAsync(staff, "adherents.csv", Windows1252(MessyFile));
        var member = await app.SignedInAsync("membre@example.org", SiteRoles.Member);

        foreach (var path in new[] { "/animation/adhesions/import", preview, "/animation/structures/fusionner" })
        {
            var response = await member.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/erreur/403", response.Headers.Location?.PathAndQuery);
            var anonymous = await app.Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.DoesNotContain("/erreur/403", anonymous.Headers.Location?.OriginalString);
        }
        var posted = await member.PostAsync(preview, new FormUrlEncodedContent(new Dictionary<string, string> { ["c0"] = "nom" }));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.MemberDetails.CountAsync()));
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(preview)).StatusCode);
    }

    static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Sends the file through the upload form; returns the address of the mapping and preview step.</summary>
    internal static async Task<string> UploadAsync(HttpClient staff, string name, byte[] content)
    {
        var response = await staff.PostMultipartAsync("/animation/adhesions/import", name, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Posts the preview's import form with the guessed mapping.</summary>
    static async Task<HttpResponseMessage> ImportAsync(HttpClient staff, string preview)
    {
        var html = await staff.GetStringAsync(preview + "?apercu=1");
        var fields = HiddenMapping().Matches(html).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var response = await staff.PostFormAsync(preview + "?apercu=1", preview, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(c[0-9]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenMapping();
}

static partial class Uploads
{
    /// <summary>Posts a file to a page's form with its antiforgery token, as a browser does.</summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(this HttpClient client, string page, string fileName, byte[] content)
    {
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {page}.");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync(page, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
