using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Directory;

public sealed class NetworkCharterTests
{
    static Task<HttpResponseMessage> AcceptAsync(HttpClient client, Guid organizationId, int version, bool accept = true) =>
        client.SubmitAsync($"/structures/{organizationId}/adhesion", new Dictionary<string, string>
        {
            ["Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Accept"] = accept ? "true" : "false",
        });

    [SkippableTheory, BothDatabases]
    public async Task An_owner_accepts_the_charter_in_force_and_the_organisation_becomes_a_member(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().Named("Coop des Faubourgs").NotMember().SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);

        var page = Html.VisibleText(await owner.PageAsync($"/structures/{organization.Id}/adhesion"));
        var unchecked_ = await AcceptAsync(owner, organization.Id, 1, accept: false);
        app.Clock.Advance(TimeSpan.FromDays(3));
        var accepted = await AcceptAsync(owner, organization.Id, 1);

        Assert.Contains("La charte, version 1", page);
        Assert.Contains("Une lucrativité limitée", page);
        Assert.Contains("Cochez la case pour accepter la charte.", Html.VisibleText(await unchecked_.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var acceptance = await app.WithDbAsync((db, _) => db.CharterAcceptances.SingleAsync());
        Assert.Equal((organization.Id, ownerId, 1, FakeClock.Default.UtcDateTime.AddDays(3)),
            (acceptance.OrganizationId, acceptance.UserId!.Value, acceptance.CharterVersion, acceptance.AcceptedAt));
        Assert.Contains("Membre du réseau", Html.VisibleText(await app.GetPageAsync($"/structures/{organization.Id}")));
        Assert.Contains("\"member\":true", await app.CreateClient().GetStringAsync($"/api/v1/organizations/{organization.Id}"));
    }

    [SkippableTheory, BothDatabases]
    public async Task An_admin_publishes_a_new_version_and_a_page_read_before_it_cannot_accept_the_old_one(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var organization = await new OrganizationBuilder().NotMember().SaveAsync(app);
        var (owner, ownerId) = await SignedIn.PersonAsync(app, "owner@example.org");
        await SignedIn.AddAsync(app, organization.Id, ownerId, OrganizationRole.Owner);
        var (admin, _) = await SignedIn.PersonAsync(app, "admin@example.org", role: SiteRoles.Admin);
        var (member, _) = await SignedIn.PersonAsync(app, "member@example.org");

        var form = await admin.PageAsync("/admin/charte");
        var published = await admin.SubmitAsync("/admin/charte", new Dictionary<string, string> { ["Text"] = "Charte du réseau\r\n\r\nArticle unique : coopérer." });
        var unchanged = await admin.SubmitAsync("/admin/charte", new Dictionary<string, string> { ["Text"] = "Charte du réseau\n\nArticle unique : coopérer.\n" });
        var stale = await AcceptAsync(owner, organization.Id, 1);
        var forbidden = await member.GetAsync("/admin/charte");
        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/admin/charte");

        Assert.Contains("Une lucrativité limitée", Html.VisibleText(form));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("n'a pas changé", Html.VisibleText(await unchanged.Content.ReadAsStringAsync()));
        var versions = await app.WithDbAsync((db, _) => db.CharterVersions.OrderBy(v => v.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Charte du réseau\n\nArticle unique : coopérer.", versions[1].Text);
        Assert.Contains("Version 2", Html.VisibleText(await app.GetPageAsync("/charte")));
        Assert.Contains(JoinModel.ChangedMeanwhile, Html.VisibleText(await stale.Content.ReadAsStringAsync()));
        Assert.False(await app.WithDbAsync((db, _) => db.CharterAcceptances.AnyAsync()));
        Assert.Equal(HttpStatusCode.Redirect, forbidden.StatusCode);
        Assert.StartsWith("/erreur/403", forbidden.Headers.Location!.PathAndQuery());
        Assert.StartsWith("/compte/connexion", anonymous.Headers.Location!.PathAndQuery());

        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(owner, organization.Id, 2)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.CharterAcceptances.Select(a => a.CharterVersion).SingleAsync()));
    }
}
