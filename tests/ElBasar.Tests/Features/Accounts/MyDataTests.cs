using System.Net;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Tests.Features.Accounts;

/// <summary>"Mes données": a person downloads what elBasar holds about them, or deletes their account.</summary>
public sealed class MyDataTests
{
    sealed record Setup(User User, Organization Association, Organization Own, string Token);

    /// <summary>Camille: editor of an association that accepted the charter through her, her own profile, a token, a report.</summary>
    static async Task<Setup> CamilleAsync(TestApp app)
    {
        var user = await app.CreateAccountAsync("camille@example.org", name: "Camille Durand");
        var association = await new OrganizationBuilder().Named("Les Jardins Partagés").SaveAsync(app);
        var own = await new OrganizationBuilder().Named("Camille Durand").SaveAsync(app);
        var listing = await new ListingBuilder(association).Titled("Grelinette à prêter").SaveAsync(app);
        await new ListingBuilder(own).Titled("Cours de couture").SaveAsync(app);
        var token = await app.WithDbAsync(async (db, services) =>
        {
            await db.Organizations.Where(o => o.Id == own.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Kind, OrganizationKind.Individual));
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = association.Id, UserId = user.Id, Role = OrganizationRole.Editor, Since = FakeClock.Default.UtcDateTime });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = own.Id, UserId = user.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            var version = await db.CharterVersions.MaxAsync(v => v.Version);
            db.CharterAcceptances.Add(new CharterAcceptance { OrganizationId = association.Id, UserId = user.Id, CharterVersion = version, AcceptedAt = FakeClock.Default.UtcDateTime });
            db.ModerationReports.Add(new ModerationReport
            {
                SubjectKind = ModerationSubjectKind.Listing, SubjectId = listing.Id, Reason = ReportReason.Other,
                Details = "Annonce en double", ReporterId = user.Id, CreatedAt = FakeClock.Default.UtcDateTime,
            });
            var created = services.GetRequiredService<PersonalAccessTokens>().Create(user.Id, "Tableur du jardin");
            await db.SaveChangesAsync();
            return created;
        });
        return new Setup(user, association, own, token);
    }

    [SkippableTheory, BothDatabases]
    public async Task The_download_holds_the_account_its_organisations_and_reports_and_never_a_token_secret(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var camille = await CamilleAsync(app);
        var browser = await app.SignedInAsync("camille@example.org");

        var response = await browser.GetAsync("/compte/donnees?handler=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("elbasar-mes-donnees-", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("camille@example.org", json.GetProperty("compte").GetProperty("adresseEmail").GetString());
        Assert.Equal("Camille Durand", json.GetProperty("compte").GetProperty("nom").GetString());
        Assert.Equal("Tableur du jardin", json.GetProperty("compte").GetProperty("jetonsApi")[0].GetProperty("nom").GetString());
        var memberships = json.GetProperty("structures").GetProperty("appartenances").EnumerateArray()
            .Select(m => (m.GetProperty("structure").GetString(), m.GetProperty("rôle").GetString())).ToList();
        Assert.Contains(("Les Jardins Partagés", "editor"), memberships);
        Assert.Single(json.GetProperty("structures").GetProperty("chartesAcceptées").EnumerateArray());
        Assert.Equal("Annonce en double", json.GetProperty("moderation").GetProperty("signalements")[0].GetProperty("précisions").GetString());
        Assert.DoesNotContain(camille.Token, text);
        Assert.DoesNotContain(PersonalAccessTokens.Hash(camille.Token), text);
    }

    [SkippableTheory, BothDatabases]
    public async Task Deleting_asks_for_the_password_and_a_confirmation_and_loses_nothing_else(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CamilleAsync(app);
        var browser = await app.SignedInAsync("camille@example.org");

        var wrong = await browser.PostFormAsync("/compte/donnees", "/compte/donnees?handler=Delete",
            new Dictionary<string, string> { ["Input.Password"] = "pas le bon mot de passe", ["Input.Understood"] = "true" });
        var unticked = await browser.PostFormAsync("/compte/donnees", "/compte/donnees?handler=Delete",
            new Dictionary<string, string> { ["Input.Password"] = TestAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(AccountModel.WrongPassword, await wrong.Content.ReadAsStringAsync());
        Assert.Contains("Cochez la case", await unticked.Content.ReadAsStringAsync());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByEmailAsync("camille@example.org"));
    }

    [SkippableTheory, BothDatabases]
    public async Task A_deleted_account_takes_its_own_profile_and_leaves_its_organisations_listings(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var camille = await CamilleAsync(app);
        var browser = await app.SignedInAsync("camille@example.org");
        Assert.Equal(HttpStatusCode.OK, (await app.WithToken(camille.Token).GetAsync("/api/v1/me/tokens")).StatusCode);

        var deleted = await browser.PostFormAsync("/compte/donnees", "/compte/donnees?handler=Delete",
            new Dictionary<string, string> { ["Input.Password"] = TestAccounts.Password, ["Input.Understood"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/compte/supprime", deleted.Headers.Location?.OriginalString);
        Assert.Contains("Votre compte a été supprimé", await app.CreateClient().GetStringAsync("/compte/supprime"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.WithToken(camille.Token).GetAsync("/api/v1/me/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/compte")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Set<User>().AnyAsync(u => u.Id == camille.User.Id));
            Assert.False(await db.OrganizationMembers.AnyAsync(m => m.UserId == camille.User.Id));
            Assert.False(await db.ModerationReports.AnyAsync(r => r.ReporterId == camille.User.Id));
            Assert.False(await db.PersonalAccessTokens.AnyAsync(t => t.UserId == camille.User.Id));
            Assert.False(await db.Organizations.AnyAsync(o => o.Id == camille.Own.Id));
            Assert.False(await db.Listings.AnyAsync(l => l.Title == "Cours de couture"));
            Assert.True(await db.Organizations.AnyAsync(o => o.Id == camille.Association.Id));
            Assert.True(await db.Listings.AnyAsync(l => l.Title == "Grelinette à prêter"));
            var acceptance = await db.CharterAcceptances.SingleAsync(a => a.OrganizationId == camille.Association.Id);
            Assert.Null(acceptance.UserId);
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task The_page_warns_the_last_owner_of_an_organisation_and_needs_a_sign_in(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateAccountAsync("dominique@example.org");
        var organization = await new OrganizationBuilder().Named("Recyclerie <b>du Port</b>").SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = user.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

        var anonymous = await app.Browser().GetAsync("/compte/donnees");
        var page = await (await app.SignedInAsync("dominique@example.org")).GetStringAsync("/compte/donnees");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/compte/connexion", anonymous.Headers.Location?.PathAndQuery);
        Assert.Contains("Vous êtes le seul responsable de « Recyclerie <b>du Port</b> »", Html.VisibleText(page));
        Assert.DoesNotContain("<b>du Port", page);
    }
}
