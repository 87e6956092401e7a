using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

/// <summary>
/// Who may act for an organisation: the one place other features ask before an account publishes,
/// answers or lends on an organisation's behalf (ARCHITECTURE.md: authorisation by resource).
/// </summary>
public sealed class OrganizationAccess(ElBasarDbContext db, HomeNetwork network)
{
    /// <summary>The user's role in the organisation, or null when they do not belong to it.</summary>
    public async Task<OrganizationRole?> RoleAsync(Guid userId, Guid organizationId, CancellationToken ct = default) =>
        await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(ct);

    /// <summary>Owners and editors may edit the profile and publish for the organisation.</summary>
    public async Task<bool> CanEditAsync(Guid userId, Guid organizationId, CancellationToken ct = default) =>
        await RoleAsync(userId, organizationId, ct) is not null;

    /// <summary>Owners also manage the people and the organisation's membership of the network.</summary>
    public async Task<bool> IsOwnerAsync(Guid userId, Guid organizationId, CancellationToken ct = default) =>
        await RoleAsync(userId, organizationId, ct) == OrganizationRole.Owner;

    /// <summary>The organisations the user belongs to, with their role, by name.</summary>
    public async Task<IReadOnlyList<UserOrganization>> OrganizationsOfAsync(Guid userId, CancellationToken ct = default)
    {
        var homeId = await network.IdAsync(ct);
        var rows = await (
                from m in db.OrganizationMembers.AsNoTracking()
                join o in db.Organizations on m.OrganizationId equals o.Id
                where m.UserId == userId
                select new UserOrganization(o.Id, o.Name, o.Kind, m.Role, o.Networks.Any(n => n.NetworkId == homeId && n.IsMember)))
            .ToListAsync(ct);
        return rows.OrderBy(o => o.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true)).ToList();
    }

    /// <summary>
    /// Members-only contacts are for the organisation's own people, for anyone who belongs to an
    /// organisation that is a member of the home network, and for the network's staff (admins,
    /// facilitators), whose job is to put members in touch.
    /// </summary>
    public async Task<bool> SeesMembersOnlyContactsAsync(ClaimsPrincipal user, Guid organizationId, CancellationToken ct = default)
    {
        if (UserIdOf(user) is not { } userId) return false;
        if (user.IsInRole(SiteRoles.Admin) || user.IsInRole(SiteRoles.Facilitator)) return true;
        var homeId = await network.IdAsync(ct);
        var memberships = db.NetworkMemberships;
        return await db.OrganizationMembers.AsNoTracking().AnyAsync(m => m.UserId == userId
            && (m.OrganizationId == organizationId
                || memberships.Any(n => n.OrganizationId == m.OrganizationId && n.NetworkId == homeId && n.IsMember)), ct);
    }

    /// <summary>The account id of a signed-in principal (the sign-in cookie or a token), or null for a visitor.</summary>
    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

/// <summary>An organisation as one of its people sees it in their space and in <c>GET /api/v1/me</c>.</summary>
public sealed record UserOrganization(Guid Id, string Name, OrganizationKind Kind, OrganizationRole Role, bool Member);
