using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// What a network's facilitators decide: which organisations join it, and its partnerships with
/// other networks. The installation's admins may act for any network.
/// </summary>
public sealed class NetworkFacilitation(ElBasarDbContext db, OrganizationAccess access, AuditLog audit, TimeProvider clock)
{
    public const string JoinAccepted = "network.join-accepted";
    public const string PartnershipProposed = "partnership.proposed";
    public const string PartnershipAccepted = "partnership.accepted";
    public const string PartnershipDeclined = "partnership.declined";
    public const string PartnershipEnded = "partnership.ended";

    public async Task<bool> IsFacilitatorAsync(ClaimsPrincipal user, Guid networkId, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(user) is not { } userId) return false;
        return user.IsInRole(SiteRoles.Admin) || await db.NetworkFacilitators.AnyAsync(f => f.NetworkId == networkId && f.UserId == userId, ct);
    }

    /// <summary>The network at <paramref name="slug"/> when the person runs it (an admin runs every one); null otherwise.</summary>
    public async Task<Network?> RunAsync(ClaimsPrincipal user, string slug, CancellationToken ct)
    {
        var network = await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Slug == slug, ct);
        return network is not null && await IsFacilitatorAsync(user, network.Id, ct) ? network : null;
    }

    /// <summary>The networks the person runs (every one for an admin), for the header and the partnership form.</summary>
    public Task<List<NetworkRef>> RunByAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(user);
        var admin = user.IsInRole(SiteRoles.Admin);
        return db.Networks.AsNoTracking()
            .Where(n => admin || db.Set<NetworkFacilitator>().Any(f => f.NetworkId == n.Id && f.UserId == userId))
            .OrderBy(n => n.Name).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToListAsync(ct);
    }

    public sealed record OrganizationRow(Guid Id, string Name, string? Commune, bool IsMember);

    /// <summary>The network's organisations (members first), and those that asked to join it.</summary>
    public Task<List<OrganizationRow>> OrganizationsAsync(Guid networkId, CancellationToken ct) =>
        (from m in db.NetworkMemberships
         join o in db.Organizations on m.OrganizationId equals o.Id
         where m.NetworkId == networkId && o.Status == OrganizationStatus.Active
         orderby m.IsMember descending, o.Name
         select new OrganizationRow(o.Id, o.Name, o.Commune, m.IsMember)).ToListAsync(ct);

    /// <summary>An owner asks for their organisation to join a network other than the home one; null when done, else the French problem.</summary>
    public async Task<string?> RequestJoinAsync(Guid userId, Guid organizationId, Guid networkId, CancellationToken ct)
    {
        if (!await access.IsOwnerAsync(userId, organizationId, ct)) return "Seuls les responsables d'une structure peuvent demander son adhésion.";
        if (await db.Networks.AnyAsync(n => n.Id == networkId && n.IsHome, ct)) return "L'adhésion au réseau principal passe par sa charte.";
        if (await db.NetworkMemberships.AnyAsync(m => m.NetworkId == networkId && m.OrganizationId == organizationId, ct)) return null;
        db.NetworkMemberships.Add(new NetworkMembership { NetworkId = networkId, OrganizationId = organizationId, IsMember = false, Since = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> AcceptAsync(Guid networkId, Guid organizationId, CancellationToken ct)
    {
        var row = await db.NetworkMemberships.FirstOrDefaultAsync(m => m.NetworkId == networkId && m.OrganizationId == organizationId && !m.IsMember, ct);
        if (row is null) return false;
        (row.IsMember, row.Since) = (true, clock.GetUtcNow().UtcDateTime);
        var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
        await audit.AddAsync(JoinAccepted, "network", networkId.ToString(), $"« {name} » rejoint le réseau.", new { organizationId }, ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public sealed record PartnershipRow(Partnership Partnership, string ProposerName, string PartnerName);

    /// <summary>The network's partnerships, proposed or in force first.</summary>
    public async Task<List<PartnershipRow>> PartnershipsAsync(Guid networkId, CancellationToken ct)
    {
        var names = await db.Networks.AsNoTracking().ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        var rows = await db.Partnerships.AsNoTracking()
            .Where(p => p.ProposerNetworkId == networkId || p.PartnerNetworkId == networkId)
            .OrderByDescending(p => p.ProposedAt).ToListAsync(ct);
        return rows.OrderBy(p => p.Status is PartnershipStatus.Proposed or PartnershipStatus.Active ? 0 : 1)
            .Select(p => new PartnershipRow(p, names[p.ProposerNetworkId], names[p.PartnerNetworkId])).ToList();
    }

    public sealed record Proposal(Guid PartnerNetworkId, bool Listings, bool Items, bool Events, PartnershipDirection Direction, PartnershipAudience Audience);

    /// <summary>The proposer's facilitator proposes; null when done, else the French problem.</summary>
    public async Task<string?> ProposeAsync(Guid networkId, Proposal p, CancellationToken ct)
    {
        if (p.PartnerNetworkId == networkId || !await db.Networks.AnyAsync(n => n.Id == p.PartnerNetworkId, ct)) return "Choisissez un autre réseau de l'installation.";
        if (!p.Listings && !p.Items && !p.Events) return "Choisissez ce qui est partagé : annonces, objets à prêter ou événements.";
        if (await db.Partnerships.AnyAsync(x => (x.Status == PartnershipStatus.Proposed || x.Status == PartnershipStatus.Active)
                && ((x.ProposerNetworkId == networkId && x.PartnerNetworkId == p.PartnerNetworkId) || (x.ProposerNetworkId == p.PartnerNetworkId && x.PartnerNetworkId == networkId)), ct))
            return "Un partenariat avec ce réseau est déjà proposé ou en cours : mettez-y fin avant d'en proposer un autre.";
        var partnership = new Partnership
        {
            ProposerNetworkId = networkId, PartnerNetworkId = p.PartnerNetworkId, SharesListings = p.Listings, SharesItems = p.Items, SharesEvents = p.Events,
            Direction = p.Direction, Audience = p.Audience, Status = PartnershipStatus.Proposed, ProposedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Partnerships.Add(partnership);
        await audit.AddAsync(PartnershipProposed, "partnership", partnership.Id.ToString(), await SummaryAsync("Partenariat proposé", partnership, ct), Details(partnership), ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>The partner network's facilitator accepts or declines a proposal made to it.</summary>
    public async Task<bool> DecideAsync(ClaimsPrincipal user, Guid id, bool accept, CancellationToken ct)
    {
        var p = await db.Partnerships.FirstOrDefaultAsync(x => x.Id == id && x.Status == PartnershipStatus.Proposed, ct);
        if (p is null || !await IsFacilitatorAsync(user, p.PartnerNetworkId, ct)) return false;
        (p.Status, p.DecidedAt) = (accept ? PartnershipStatus.Active : PartnershipStatus.Declined, clock.GetUtcNow().UtcDateTime);
        await audit.AddAsync(accept ? PartnershipAccepted : PartnershipDeclined, "partnership", p.Id.ToString(),
            await SummaryAsync(accept ? "Partenariat accepté" : "Partenariat refusé", p, ct), Details(p), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Either network's facilitator ends a partnership, proposed or in force.</summary>
    public async Task<bool> EndAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var p = await db.Partnerships.FirstOrDefaultAsync(x => x.Id == id && (x.Status == PartnershipStatus.Proposed || x.Status == PartnershipStatus.Active), ct);
        if (p is null || !(await IsFacilitatorAsync(user, p.ProposerNetworkId, ct) || await IsFacilitatorAsync(user, p.PartnerNetworkId, ct))) return false;
        (p.Status, p.EndedAt) = (PartnershipStatus.Ended, clock.GetUtcNow().UtcDateTime);
        await audit.AddAsync(PartnershipEnded, "partnership", p.Id.ToString(), await SummaryAsync("Fin du partenariat", p, ct), Details(p), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    async Task<string> SummaryAsync(string what, Partnership p, CancellationToken ct)
    {
        var names = await db.Networks.Where(n => n.Id == p.ProposerNetworkId || n.Id == p.PartnerNetworkId).ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        return $"{what} entre « {names[p.ProposerNetworkId]} » et « {names[p.PartnerNetworkId]} ».";
    }

    static object Details(Partnership p) => new
    {
        listings = p.SharesListings, items = p.SharesItems, events = p.SharesEvents,
        direction = Slug.Of(p.Direction), audience = Slug.Of(p.Audience),
    };
}
