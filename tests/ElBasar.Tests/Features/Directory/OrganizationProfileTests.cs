using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using System.Net;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Directory;

public sealed class OrganizationProfileTests
{
    static Dictionary<string, string> Profile(string name, string commune = "", string latitude = "", string longitude = "") => new()
    {
        ["Input.Name"] = name, ["Input.LegalForm"] = "association", ["Input.Description"] = "Réparation et prêt de vélos.",
        ["Input.Activities"] = "réparation de vélos\nvélo-école", ["Input.Email"] = "contact@example.org", ["Input.EmailVisibility"] = "Members",
        ["Input.Phone"] = "03 20 00 00 00", ["Input.PhoneVisibility"] = "Public", ["Input.Website"] = "www.example.org",
        ["Input.WebsiteVisibility"] = "Public", ["Input.Commune"] = commune, ["Input.CommuneInsee"] = "",
        ["Input.Latitude"] = latitude, ["Input.Longitude"] = longitude, ["Input.Employees"] = "4",
    };

    static Guid IdIn(HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        return Guid.Parse(redirect.Headers.Location!.OriginalString["/structures/".Length..]);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_signed_in_person_creates_an_organisation_and_becomes_its_owner(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await new OrganizationBuilder().Named("Voisins de Lille").In("59350", "Lille", 50.63, 3.06).SaveAsync(app);
        var (client, userId) = await SignedIn.PersonAsync(app, "camille@example.org");

        var id = IdIn(await client.SubmitAsync("/structures/nouvelle", Profile("Atelier du Vieux-Lille", commune: "lille")));

        var organization = await app.WithDbAsync((db, _) => db.Organizations.Include(o => o.Networks).SingleAsync(o => o.Id == id));
        Assert.Equal(OrganizationKind.Organization, organization.Kind);
        Assert.Equal(("59350", "Lille", "59000"), (organization.CommuneInsee, organization.Commune, organization.PostalCode));
        Assert.Equal((50.63, 3.06), (organization.Latitude, organization.Longitude));   // the commune's known point
        Assert.Equal("https://www.example.org", organization.Website);
        Assert.Equal(ContactVisibility.Members, organization.EmailVisibility);
        Assert.Equal(["réparation de vélos", "vélo-école"], organization.Activities.Select(a => a.Label));
        Assert.False(Assert.Single(organization.Networks).IsMember);
        var role = await app.WithDbAsync((_, services) => services.GetRequiredService<OrganizationAccess>().RoleAsync(userId, id));
        Assert.Equal(OrganizationRole.Owner, role);
        Assert.Contains("Vous êtes responsable de ce profil", Html.VisibleText(await client.PageAsync($"/structures/{id}")));
        var space = Html.VisibleText(await client.PageAsync("/espace"));
        Assert.Contains("Atelier du Vieux-Lille", space);
        Assert.Contains("Vous êtes responsable", space);
    }

    [SkippableTheory, BothDatabases]
    public async Task A_person_creates_one_individual_profile_for_themselves(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (client, _) = await SignedIn.PersonAsync(app, "sacha@example.org", name: "Sacha Dupont");

        var form = await client.PageAsync("/structures/nouvelle?type=personne");
        var id = IdIn(await client.SubmitAsync("/structures/nouvelle?type=personne", new Dictionary<string, string> { ["Input.Name"] = "Sacha Dupont", ["type"] = "personne" }));
        var again = await client.SubmitAsync("/structures/nouvelle?type=personne", new Dictionary<string, string> { ["Input.Name"] = "Sacha D.", ["type"] = "personne" });

        Assert.Contains("value=\"Sacha Dupont\"", form);
        Assert.Equal(OrganizationKind.Individual, await app.WithDbAsync((db, _) => db.Organizations.Where(o => o.Id == id).Select(o => o.Kind).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("déjà un profil personnel", Html.VisibleText(await again.Content.ReadAsStringAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Owners_and_editors_edit_the_profile_and_nobody_else_can(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var (editor, editorId) = await SignedIn.PersonAsync(app, "editor@example.org");
        var (stranger, _) = await SignedIn.PersonAsync(app, "stranger@example.org");
        await SignedIn.AddAsync(app, organization.Id, editorId, OrganizationRole.Editor);
        var edit = $"/structures/{organization.Id}/modifier";

        var saved = await editor.SubmitAsync(edit, Profile("Atelier Roue Libre et Solidaire", commune: "Roubaix (59100)", latitude: "50,69", longitude: "3.17"));
        var strangerGet = await stranger.GetAsync(edit);
        var strangerPost = await stranger.PostFormAsync($"/structures/{organization.Id}", edit, Profile("Volé"));
        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(edit);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await app.WithDbAsync((db, _) => db.Organizations.SingleAsync(o => o.Id == organization.Id));
        Assert.Equal("Atelier Roue Libre et Solidaire", changed.Name);
        Assert.Equal(("59512", "Roubaix"), (changed.CommuneInsee, changed.Commune));
        Assert.Equal((50.69, 3.17), (changed.Latitude, changed.Longitude));
        Assert.Equal(4, changed.Employees);
        Assert.Equal(HttpStatusCode.NotFound, strangerGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerPost.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/compte/connexion", anonymous.Headers.Location!.PathAndQuery());
        Assert.Equal("Atelier Roue Libre et Solidaire", await app.WithDbAsync((db, _) => db.Organizations.Where(o => o.Id == organization.Id).Select(o => o.Name).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task The_network_staff_edit_any_member_record_and_each_change_is_in_the_audit_log(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Atelier Roue Libre").SaveAsync(app);
        var (editor, editorId) = await SignedIn.PersonAsync(app, "editor@example.org");
        await SignedIn.AddAsync(app, organization.Id, editorId, OrganizationRole.Editor);
        var (staff, _) = await SignedIn.PersonAsync(app, "animation@example.org", "Nadia Animatrice", SiteRoles.Facilitator);
        var edit = $"/structures/{organization.Id}/modifier";

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitAsync(edit, Profile("Atelier Roue Libre (Roubaix)", commune: "Roubaix (59100)"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(edit, Profile("Atelier Roue Libre", commune: "Roubaix (59100)"))).StatusCode);

        var audited = await app.WithDbAsync((db, _) => db.Set<AuditEntry>().Where(e => e.Action == AuditActions.OrganizationEdited).ToListAsync());
        var line = Assert.Single(audited);   // the staff's change, not the organisation's own people's
        Assert.Equal((organization.Id.ToString(), "Nadia Animatrice"), (line.SubjectId, line.ActorName));
        Assert.Contains("/modifier", await staff.GetStringAsync($"/animation/adhesions/{organization.Id}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_refused_profile_says_why_in_french_and_keeps_what_was_typed(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var fields = Profile("Nouveau nom", commune: "Zzzville", latitude: "cinquante", longitude: "3.1");
        fields["Input.Employees"] = "-3";

        var response = await owner.SubmitAsync($"/structures/{organization.Id}/modifier", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Html.VisibleText(html);
        Assert.Contains("Aucune commune ne correspond à « Zzzville »", text);
        Assert.Contains("La latitude « cinquante » doit être un nombre", text);
        Assert.Contains("Le nombre de salariés « -3 » doit être un nombre entier", text);
        Assert.Contains("value=\"Zzzville\"", html);
        Assert.Contains("value=\"cinquante\"", html);
        Assert.Contains("value=\"Nouveau nom\"", html);
        Assert.Equal("Atelier Roue Libre", await app.WithDbAsync((db, _) => db.Organizations.Where(o => o.Id == organization.Id).Select(o => o.Name).SingleAsync()));
    }

    [SkippableTheory, BothDatabases]
    public async Task Members_only_contacts_are_shown_to_network_members_and_the_organisation_own_people_only(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Coop des Faubourgs").NotMember().SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            var o = await db.Organizations.SingleAsync(x => x.Id == organization.Id);
            (o.Email, o.EmailVisibility) = ("secret@faubourgs.example.org", ContactVisibility.Members);
            (o.Phone, o.PhoneVisibility) = ("03 20 11 22 33", ContactVisibility.Public);
            await db.SaveChangesAsync();
        });
        var memberOrganization = await new OrganizationBuilder().Named("Membre du réseau").SaveAsync(app);
        var otherOrganization = await new OrganizationBuilder().Named("Pas membre").NotMember().SaveAsync(app);
        var (networkMember, networkMemberId) = await SignedIn.PersonAsync(app, "member@example.org");
        await SignedIn.AddAsync(app, memberOrganization.Id, networkMemberId, OrganizationRole.Editor);
        var (outsider, outsiderId) = await SignedIn.PersonAsync(app, "outsider@example.org");
        await SignedIn.AddAsync(app, otherOrganization.Id, outsiderId, OrganizationRole.Owner);
        var (ownPerson, ownPersonId) = await SignedIn.PersonAsync(app, "own@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownPersonId, OrganizationRole.Editor);
        var anonymous = app.CreateClient();
        var page = $"/structures/{organization.Id}";
        var api = $"/api/v1/organizations/{organization.Id}";

        async Task<string?> ApiEmailAsync(HttpClient client)
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(api));
            Assert.Equal("03 20 11 22 33", json.RootElement.GetProperty("phone").GetString());
            return json.RootElement.GetProperty("email").GetString();
        }

        foreach (var hidden in new[] { anonymous, outsider })
        {
            var html = await hidden.PageAsync(page);
            Assert.DoesNotContain("secret@faubourgs.example.org", html);
            Assert.Contains("Réservées aux membres du réseau", Html.VisibleText(html));
            Assert.Contains("03 20 11 22 33", html);
            Assert.Null(await ApiEmailAsync(hidden));
        }
        foreach (var allowed in new[] { networkMember, ownPerson })
        {
            Assert.Contains("secret@faubourgs.example.org", await allowed.PageAsync(page));
            Assert.Equal("secret@faubourgs.example.org", await ApiEmailAsync(allowed));
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task Text_typed_in_every_profile_field_is_shown_encoded(string provider)
    {
        const string script = "<script>alert(1)</script>";
        const string breakout = "\"><img src=x onerror=alert(1)>";
        await using var app = await TestApp.StartAsync(provider);
        var (owner, _) = await SignedIn.PersonAsync(app, "owner@example.org");
        var id = IdIn(await owner.SubmitAsync("/structures/nouvelle", Profile("Atelier")));
        var edit = $"/structures/{id}/modifier";
        void AssertEncoded(string html, string where)
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.False(html.Contains("\"><img", StringComparison.Ordinal), $"An attribute was broken out of on {where}.");
        }

        // Every field at once: the form is refused (e-mail, phone, commune, numbers) and shows it all back.
        var everything = Profile(script + breakout);
        foreach (var key in everything.Keys.Where(k => !k.EndsWith("Visibility", StringComparison.Ordinal) && k != "Input.LegalForm").ToList())
            everything[key] = script + breakout;
        var refused = await owner.SubmitAsync(edit, everything);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        AssertEncoded(refusedHtml, "the refused form");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", refusedHtml);

        // The fields that accept any text are saved, then shown on every page that shows them.
        var accepted = Profile(script + breakout);
        accepted["Input.Description"] = script + breakout;
        accepted["Input.Activities"] = script + "\n" + breakout;
        accepted["Input.Website"] = "https://example.org/" + breakout;
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(edit, accepted)).StatusCode);
        foreach (var path in new[] { $"/structures/{id}", edit, "/espace", "/annuaire", $"/structures/{id}/personnes", $"/structures/{id}/adhesion" })
        {
            var html = await owner.PageAsync(path);
            AssertEncoded(html, path);
            Assert.Contains("alert(1)", html);
        }
    }

    [SkippableTheory, BothDatabases]
    public async Task A_busy_organisation_shows_its_live_listings_a_page_at_a_time_newest_first(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Ressourcerie du Nord").SaveAsync(app);
        for (var day = 1; day <= ProfileModel.ListingsPageSize + 6; day++)
            await new ListingBuilder(organization).Titled($"Annonce numéro {day:00}").CreatedDaysAgo(day).SaveAsync(app);
        await new ListingBuilder(organization).Titled("Annonce expirée").CreatedDaysAgo(2).ExpiredDaysAgo(1).SaveAsync(app);
        var client = app.CreateClient();

        var first = Html.VisibleText(await client.PageAsync($"/structures/{organization.Id}"));
        var second = Html.VisibleText(await client.PageAsync($"/structures/{organization.Id}?page=2"));
        var beyond = Html.VisibleText(await client.PageAsync($"/structures/{organization.Id}?page=99"));

        Assert.Contains("Ses annonces en cours (30)", first);
        Assert.Contains("Annonce numéro 01", first);
        Assert.Contains("Annonce numéro 24", first);
        Assert.DoesNotContain("Annonce numéro 25", first);
        Assert.Contains("Page 1 sur 2", first);
        Assert.Contains("Annonces plus anciennes", first);
        Assert.Contains("Annonce numéro 25", second);
        Assert.Contains("Annonce numéro 30", second);
        Assert.DoesNotContain("Annonce numéro 24", second);
        Assert.DoesNotContain("Annonce expirée", first + second);
        Assert.Contains("Annonces plus récentes", second);
        Assert.Contains("Page 2 sur 2", beyond);
    }
}

static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
