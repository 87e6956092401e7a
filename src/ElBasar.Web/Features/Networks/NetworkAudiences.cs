using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// The visibility rules of listings across networks (README.md): which listings a reader sees on
/// one network's pages, anywhere on the installation, or outside it (feeds, open data, widgets).
/// Lending items (whose listing carries their network and visibility) and events follow the same
/// rules under the partnerships that share them (<see cref="Shared"/>).
/// </summary>
public sealed class NetworkAudiences(ElBasarDbContext db, HomeNetwork home)
{
    /// <summary>The networks the reader belongs to: those where one of their organisations is a member.</summary>
    public Task<IReadOnlyList<Guid>> MemberNetworksAsync(ClaimsPrincipal user, CancellationToken ct) =>
        MemberNetworksAsync(OrganizationAccess.UserIdOf(user), ct);

    /// <summary>The networks an account belongs to (none for a visitor), also for work done without a request (alert mails).</summary>
    public async Task<IReadOnlyList<Guid>> MemberNetworksAsync(Guid? user, CancellationToken ct) =>
        user is { } userId ? (await MemberNetworksAsync([userId], ct)).GetValueOrDefault(userId) ?? [] : [];

    /// <summary>The networks of several accounts at once: an account that belongs to none is left out.</summary>
    public async Task<Dictionary<Guid, IReadOnlyList<Guid>>> MemberNetworksAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        (await (from m in db.OrganizationMembers
                join n in db.NetworkMemberships on m.OrganizationId equals n.OrganizationId
                where userIds.Contains(m.UserId) && n.IsMember
                select new { m.UserId, n.NetworkId }).Distinct().ToListAsync(ct))
            .GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(r => r.NetworkId).ToList());

    /// <summary>The partnerships in force that share <paramref name="what"/>.</summary>
    public Task<List<Partnership>> PartnershipsAsync(Shared what, CancellationToken ct)
    {
        var active = db.Partnerships.AsNoTracking().Where(p => p.Status == PartnershipStatus.Active);
        return (what switch
        {
            Shared.Listings => active.Where(p => p.SharesListings),
            Shared.Items => active.Where(p => p.SharesItems),
            _ => active.Where(p => p.SharesEvents),
        }).ToListAsync(ct);
    }

    /// <summary>The networks in a partnership in force with <paramref name="network"/>, whatever it shares, by name.</summary>
    public async Task<List<NetworkRef>> PartnersOfAsync(Guid network, CancellationToken ct)
    {
        var partnerIds = await db.Partnerships.AsNoTracking()
            .Where(p => p.Status == PartnershipStatus.Active && (p.ProposerNetworkId == network || p.PartnerNetworkId == network))
            .Select(p => p.ProposerNetworkId == network ? p.PartnerNetworkId : p.ProposerNetworkId).Distinct().ToListAsync(ct);
        return await db.Networks.AsNoTracking().Where(n => partnerIds.Contains(n.Id)).OrderBy(n => n.Name)
            .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToListAsync(ct);
    }

    /// <summary>
    /// <paramref name="from"/> and the networks a partnership in force shares its <paramref name="what"/> towards:
    /// the members of all of them are treated as <paramref name="from"/>'s own (to borrow, to register).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ReceivingNetworksAsync(Guid from, Shared what, CancellationToken ct) =>
        [from, .. (await PartnershipsAsync(what, ct)).Where(p => p.Flows(from, p.Other(from))).Select(p => p.Other(from)).Distinct()];

    /// <summary>On <paramref name="network"/>'s pages: its own listings (or items, events), and those its partners share towards it.</summary>
    public Task<ListingAudience> OnAsync(ClaimsPrincipal user, Guid network, CancellationToken ct, Shared what = Shared.Listings) =>
        OnAsync(OrganizationAccess.UserIdOf(user), network, what, ct);

    public async Task<ListingAudience> OnAsync(Guid? user, Guid network, Shared what, CancellationToken ct)
    {
        var mine = await MemberNetworksAsync(user, ct);
        var partnerships = await PartnershipsAsync(what, ct);
        return await SingleNetworkPublicAsync(mine, partnerships, ct) ?? On(mine, network, partnerships);
    }

    /// <summary>
    /// The public's view of <paramref name="network"/>'s pages: its listings open to everyone, and
    /// those its partners share towards it with audience "public" (the digest reads these).
    /// </summary>
    public async Task<ListingAudience> PublicOnAsync(Guid network, CancellationToken ct) =>
        On([], network, await PartnershipsAsync(Shared.Listings, ct));

    /// <summary>
    /// The rule of <see cref="OnAsync(Guid?, Guid, Shared, CancellationToken)"/> for a reader who belongs to <paramref name="mine"/>,
    /// under the partnerships in force: what <c>/recherche</c> in <paramref name="network"/> shows them.
    /// </summary>
    public static ListingAudience On(IReadOnlyCollection<Guid> mine, Guid network, IReadOnlyCollection<Partnership> partnerships)
    {
        var all = new HashSet<Guid>();
        var partners = new HashSet<Guid>();
        var open = new HashSet<Guid> { network };
        if (mine.Contains(network)) all.Add(network);
        // A member of a network its listings flow to sees the ones open to partners here too.
        if (partnerships.Any(p => mine.Any(m => p.Flows(network, m)))) partners.Add(network);
        foreach (var p in partnerships)
        {
            var from = p.Other(network);
            if (from == network || !p.Flows(from, network)) continue;
            if (mine.Contains(from)) all.Add(from);
            if (mine.Contains(network)) partners.Add(from);
            if (p.Audience == PartnershipAudience.Public || mine.Contains(network)) open.Add(from);
        }
        return new ListingAudience([.. all], [.. partners], [.. open]);
    }

    /// <summary>
    /// What each organisation sees, as its people do on the pages of the networks it is a member of
    /// (<see cref="On"/>): all of its own networks' listings, and those partnerships in force share
    /// towards them. An organisation that belongs to no network publishes in the home network, and
    /// sees what the public sees there. For news told to an organisation rather than to a person
    /// (demand watches).
    /// </summary>
    public async Task<Dictionary<Guid, ListingAudience>> OfOrganizationsAsync(IReadOnlyCollection<Guid> organizationIds, CancellationToken ct)
    {
        var memberships = (await db.NetworkMemberships.AsNoTracking()
                .Where(n => organizationIds.Contains(n.OrganizationId) && n.IsMember)
                .Select(n => new { n.OrganizationId, n.NetworkId }).ToListAsync(ct))
            .ToLookup(n => n.OrganizationId, n => n.NetworkId);
        var partnerships = await PartnershipsAsync(Shared.Listings, ct);
        var homeId = await home.IdAsync(ct);
        return organizationIds.Distinct().ToDictionary(id => id, id => OfOrganization([.. memberships[id]], homeId, partnerships));
    }

    /// <summary>
    /// The networks an organisation is at home in: those it is a member of, else the home network, where it
    /// publishes. A listing of any other network reached it through a partnership, and news of it names that network.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OwnNetworksAsync(Guid organizationId, CancellationToken ct)
    {
        var mine = await db.NetworkMemberships.AsNoTracking().Where(n => n.OrganizationId == organizationId && n.IsMember)
            .Select(n => n.NetworkId).ToListAsync(ct);
        return mine.Count > 0 ? mine : [await home.IdAsync(ct)];
    }

    /// <summary>The rule of <see cref="OfOrganizationsAsync"/> for an organisation that is a member of <paramref name="networks"/>.</summary>
    public static ListingAudience OfOrganization(IReadOnlyList<Guid> networks, Guid home, IReadOnlyCollection<Partnership> partnerships)
    {
        var views = (networks.Count > 0 ? networks : [home]).Select(n => On(networks, n, partnerships)).ToList();
        return new ListingAudience(
            [.. views.SelectMany(v => v.All).Distinct()], [.. views.SelectMany(v => v.Partners).Distinct()], [.. views.SelectMany(v => v.Public).Distinct()]);
    }

    /// <summary>
    /// The networks whose events show on <paramref name="network"/>'s calendar for this reader. An event is open to
    /// everyone on its own network's calendar, so the rule is that of a listing open to everyone.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> EventNetworksOnAsync(ClaimsPrincipal user, Guid network, CancellationToken ct)
    {
        var audience = await OnAsync(user, network, ct, Shared.Events);
        return audience.PublicOnlyOfEveryNetwork ? [network] : [.. audience.All.Union(audience.Public)];
    }

    /// <summary>
    /// Anywhere on the installation (a listing's page, an organisation's page): a listing open to
    /// everyone is public on its own network's pages, so anyone may open it.
    /// </summary>
    public Task<ListingAudience> AnywhereAsync(ClaimsPrincipal user, CancellationToken ct, Shared what = Shared.Listings) =>
        AnywhereAsync(OrganizationAccess.UserIdOf(user), what, ct);

    public async Task<ListingAudience> AnywhereAsync(Guid? user, Shared what, CancellationToken ct)
    {
        var mine = await MemberNetworksAsync(user, ct);
        var partnerships = await PartnershipsAsync(what, ct);
        if (await SingleNetworkPublicAsync(mine, partnerships, ct) is { } single) return single;
        var partners = partnerships.SelectMany(p => new[] { p.ProposerNetworkId, p.PartnerNetworkId }.Where(from => mine.Any(m => m != from && p.Flows(from, m))))
            .ToHashSet();
        return new ListingAudience(mine, [.. partners], await db.Networks.Select(n => n.Id).ToListAsync(ct));
    }

    /// <summary>What may leave the installation (feeds, open data, widgets): the home network's listings open to everyone.</summary>
    public async Task<ListingAudience> OutsideAsync(CancellationToken ct) =>
        await db.Networks.CountAsync(ct) == 1
            ? new ListingAudience([], [], []) { PublicOnlyOfEveryNetwork = true }
            : new ListingAudience([], [], [await home.IdAsync(ct)]);

    // With one network and a reader who is not a member of it, the rule is today's: listings open to everyone.
    async Task<ListingAudience?> SingleNetworkPublicAsync(IReadOnlyList<Guid> mine, List<Partnership> partnerships, CancellationToken ct) =>
        mine.Count == 0 && partnerships.Count == 0 && await db.Networks.CountAsync(ct) == 1
            ? new ListingAudience([], [], []) { PublicOnlyOfEveryNetwork = true }
            : null;
}
