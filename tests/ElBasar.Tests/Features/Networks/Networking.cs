using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Tests.Features.Networks;

/// <summary>The network tests' shared set-up: networks beside the home one, their member organisations and owners, their own categories, partnerships.</summary>
static class Networking
{
    /// <summary>"Matériel de festival", the own category <see cref="AddFestivalAsync"/> gives network A.</summary>
    public const string Festival = "materiel-de-festival";

    /// <summary>A member organisation of <see cref="Network"/>, its owner signed in on <see cref="Client"/> with that network chosen in the switcher.</summary>
    public sealed record Side(Network Network, Organization Organization, string Email, Guid OwnerId, HttpClient Client);

    /// <summary>
    /// Two networks besides the home one, A ("Festivals du Nord", <c>festivals-du-nord</c>) and B ("Réseau lensois",
    /// <c>reseau-lensois</c>), each with an organisation (member of the home network too) and its owner, and a facilitator of A.
    /// </summary>
    public static async Task<(Side A, Side B, HttpClient Facilitator)> TwoNetworksAsync(TestApp app)
    {
        var admin = await app.SignedInAsync("admin@example.org", SiteRoles.Admin);
        var a = await MemberAsync(app, await NetworkAsync(app, "Festivals du Nord", "festivals-du-nord"), "Structure Festivals du Nord", "a@example.org", "org-a");
        var b = await MemberAsync(app, await NetworkAsync(app, "Réseau lensois", "reseau-lensois"), "Structure Réseau lensois", "b@example.org", "org-b");
        await app.CreateAccountAsync("animation@example.org", SiteRoles.Member, "Lou Animatrice");
        await admin.PostFormAsync($"/admin/reseaux/{a.Network.Id}", $"/admin/reseaux/{a.Network.Id}?handler=AddFacilitator", new Dictionary<string, string> { ["FacilitatorEmail"] = "animation@example.org" });
        return (a, b, await app.SignedInAsync("animation@example.org"));
    }

    public static async Task<Network> NetworkAsync(TestApp app, string name, string slug)
    {
        var network = new Network { Name = name, Slug = slug, CreatedAt = FakeClock.Default.UtcDateTime };
        await app.WithDbAsync(async db =>
        {
            db.Networks.Add(network);
            await db.SaveChangesAsync();
        });
        return network;
    }

    /// <summary>A new organisation, member of the home network and of <paramref name="network"/>, whose owner signs in and chooses that network in the switcher.</summary>
    public static async Task<Side> MemberAsync(TestApp app, Network network, string organizationName, string email, string? externalId = null)
    {
        var builder = new OrganizationBuilder().Named(organizationName);
        var organization = await (externalId is null ? builder : builder.WithExternalId(externalId)).SaveAsync(app);
        var owner = await app.CreateAccountAsync(email, SiteRoles.Member, $"Responsable {organizationName}");
        await app.WithDbAsync(async db =>
        {
            db.NetworkMemberships.Add(new NetworkMembership { NetworkId = network.Id, OrganizationId = organization.Id, IsMember = true, Since = FakeClock.Default.UtcDateTime });
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = owner.Id, Role = OrganizationRole.Owner, Since = FakeClock.Default.UtcDateTime });
            await db.SaveChangesAsync();
        });
        var client = await app.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/espace", "/reseau-courant", new Dictionary<string, string> { ["slug"] = network.Slug, ["returnUrl"] = "/espace" })).StatusCode);
        return new Side(network, organization, email, owner.Id, client);
    }

    /// <summary>A's facilitator adds "Matériel de festival" under "Matériel et équipement" (<see cref="Festival"/>).</summary>
    public static async Task AddFestivalAsync(HttpClient facilitator) =>
        Assert.Equal(HttpStatusCode.Redirect, (await facilitator.PostFormAsync("/reseaux/festivals-du-nord/categories", "/reseaux/festivals-du-nord/categories?handler=Add",
            new Dictionary<string, string> { ["Label"] = "Matériel de festival", ["Parent"] = "equipment" })).StatusCode);

    /// <summary>A partnership in force, proposed by <paramref name="proposer"/>, sharing what is asked.</summary>
    public static async Task<Partnership> PartnershipAsync(TestApp app, Guid proposer, Guid partner, PartnershipDirection direction, PartnershipAudience audience,
        bool listings = false, bool items = false, bool events = false)
    {
        var partnership = new Partnership
        {
            ProposerNetworkId = proposer, PartnerNetworkId = partner, SharesListings = listings, SharesItems = items, SharesEvents = events,
            Direction = direction, Audience = audience, Status = PartnershipStatus.Active,
            ProposedAt = FakeClock.Default.UtcDateTime, DecidedAt = FakeClock.Default.UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Partnerships.Add(partnership);
            await db.SaveChangesAsync();
        });
        return partnership;
    }

    public static Task ChangeAsync(TestApp app, Guid partnership, Action<Partnership> change) =>
        app.WithDbAsync(async db =>
        {
            change(await db.Partnerships.SingleAsync(p => p.Id == partnership));
            await db.SaveChangesAsync();
        });
}
