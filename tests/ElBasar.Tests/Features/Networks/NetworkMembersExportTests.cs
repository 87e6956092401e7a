using System.Net;
using System.Text;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Networks;

/// <summary><c>/reseaux/{slug}/animation/membres.csv</c>: a network's members and those asking to join, for its facilitators and the admins only.</summary>
public sealed class NetworkMembersExportTests
{
    const string Path = "/reseaux/festivals-du-nord/animation/membres.csv";

    [SkippableTheory, BothDatabases]
    public async Task A_facilitator_exports_the_networks_members_and_requests_for_french_excel_and_nobody_else_does(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (a, b, facilitator) = await Networking.TwoNetworksAsync(app);
        // 23:30 in UTC is the next day in Paris: the request was made on the 17th there.
        await JoinAsync(app, a.Network, new OrganizationBuilder().Named("Atelier Zéro Déchet").In("62041", "Arras", 50.29, 2.78),
            isMember: false, since: new DateTime(2026, 11, 16, 23, 30, 0, DateTimeKind.Utc), email: "zero@example.org");
        var person = await JoinAsync(app, a.Network, new OrganizationBuilder().Named("Écolieu des Flandres"),
            isMember: true, since: new DateTime(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc), email: "ecolieu@example.org");
        await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == person.Id);
            (organization.Kind, organization.Website) = (OrganizationKind.Individual, "https://ecolieu.example.org");
            db.MemberDetails.Add(new MemberDetails { OrganizationId = person.Id, Siret = "12345678900012", UpdatedAt = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });

        Assert.Contains($"href=\"{Path}\"", await facilitator.GetStringAsync("/reseaux/festivals-du-nord/animation"));
        var response = await facilitator.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("membres-festivals-du-nord-2026-11-20.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        // French order: "Écolieu" between "Atelier" and "Structure"; B's organisation is not there.
        Assert.Equal(
        [
            "Nom;Type;Commune;Situation;Membre depuis;Demande faite le;Courriel;SIRET;Site web",
            "Atelier Zéro Déchet;Structure;Arras;Demande en attente;;17/11/2026;zero@example.org;;",
            "Écolieu des Flandres;Personne;Lille;Membre;01/03/2025;;ecolieu@example.org;12345678900012;https://ecolieu.example.org",
            "Structure Festivals du Nord;Structure;Lille;Membre;20/11/2026;;contact@roue-libre.example.org;;",
        ], Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));

        // Nobody else: a visitor, a member of the network, another network's facilitator (who exports their own).
        var lens = await app.CreateAccountAsync("lens@example.org", SiteRoles.Member, "Lens Animateur");
        await app.WithDbAsync(async db =>
        {
            db.NetworkFacilitators.Add(new NetworkFacilitator { NetworkId = b.Network.Id, UserId = lens.Id, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var otherFacilitator = await app.SignedInAsync("lens@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.Client.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherFacilitator.GetAsync(Path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherFacilitator.GetAsync("/reseaux/reseau-lensois/animation/membres.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync("/reseaux/inconnu/animation/membres.csv")).StatusCode);

        // An admin runs every network; the home network's list, with its fees, is the staff's export.
        var admin = await app.SignedInAsync("admin@example.org");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Path)).StatusCode);
        var home = await admin.GetAsync($"/reseaux/{Network.HomeSlug}/animation/membres.csv");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/animation/adhesions.csv", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await facilitator.GetAsync($"/reseaux/{Network.HomeSlug}/animation/membres.csv")).StatusCode);
    }

    static async Task<Organization> JoinAsync(TestApp app, Network network, OrganizationBuilder builder, bool isMember, DateTime since, string email)
    {
        var organization = await builder.SaveAsync(app);
        await app.WithDbAsync(async db =>
        {
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = network.Id, OrganizationId = organization.Id, IsMember = isMember, Since = since });
            (await db.Organizations.SingleAsync(o => o.Id == organization.Id)).Email = email;
            await db.SaveChangesAsync();
        });
        return organization;
    }
}
