using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>
/// Who joins and leaves an organisation: requests, decisions, roles. Callers check first that the
/// acting person may do it (<see cref="OrganizationAccess"/>); these rules keep the invariants: one
/// pending request per person, and never an organisation without an owner.
/// </summary>
public sealed class OrganizationPeople(ElBasarDbContext db, OrganizationMails mails, TimeProvider clock)
{
    /// <summary>Adds the person, or changes their role if they already belong to the organisation.</summary>
    public async Task<PeopleChange> AddAsync(Guid organizationId, Guid userId, OrganizationRole role, CancellationToken ct)
    {
        var member = await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct);
        if (member is null)
        {
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId, Role = role, Since = Now });
            await db.SaveChangesAsync(ct);
            return PeopleChange.Done;
        }
        return await SetRoleAsync(organizationId, userId, role, ct);
    }

    /// <summary>Records the request and tells the owners by e-mail, with a link to <paramref name="peopleLink"/>.</summary>
    public async Task<PeopleChange> RequestToJoinAsync(Guid organizationId, User requester, string? message, string peopleLink, CancellationToken ct)
    {
        if (await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == requester.Id, ct))
            return PeopleChange.AlreadyMember;
        if (await db.JoinRequests.AnyAsync(r => r.OrganizationId == organizationId && r.UserId == requester.Id && r.Status == JoinRequestStatus.Pending, ct))
            return PeopleChange.AlreadyPending;
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
        db.JoinRequests.Add(new JoinRequest
        {
            OrganizationId = organizationId, UserId = requester.Id, CreatedAt = Now,
            Message = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
        });
        foreach (var owner in await OwnersAsync(organizationId, ct))
            mails.JoinRequested(owner, $"{requester.DisplayName} ({requester.Email})", organization, peopleLink);
        await db.SaveChangesAsync(ct);
        return PeopleChange.Done;
    }

    /// <summary>Approves (with <paramref name="role"/>) or declines a pending request, and tells the requester.</summary>
    public async Task<PeopleChange> DecideAsync(Guid organizationId, Guid requestId, Guid decidedBy, OrganizationRole? role, string spaceLink, CancellationToken ct)
    {
        var request = await db.JoinRequests.FirstOrDefaultAsync(r => r.Id == requestId && r.OrganizationId == organizationId, ct);
        if (request is not { Status: JoinRequestStatus.Pending }) return PeopleChange.NotFound;
        var requester = await db.Set<User>().AsNoTracking().SingleAsync(u => u.Id == request.UserId, ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
        request.Status = role is null ? JoinRequestStatus.Declined : JoinRequestStatus.Approved;
        request.DecidedAt = Now;
        request.DecidedById = decidedBy;
        var to = new EmailAddress(requester.Email!, requester.DisplayName);
        if (role is { } given)
        {
            if (!await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == requester.Id, ct))
                db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = requester.Id, Role = given, Since = Now });
            mails.JoinApproved(to, organization, given, spaceLink);
        }
        else mails.JoinDeclined(to, organization, spaceLink);
        await db.SaveChangesAsync(ct);
        return PeopleChange.Done;
    }

    public async Task<PeopleChange> SetRoleAsync(Guid organizationId, Guid userId, OrganizationRole role, CancellationToken ct)
    {
        var member = await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct);
        if (member is null) return PeopleChange.NotFound;
        if (member.Role == role) return PeopleChange.Done;
        if (member.Role == OrganizationRole.Owner && await IsLastOwnerAsync(organizationId, ct)) return PeopleChange.LastOwner;
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return PeopleChange.Done;
    }

    public async Task<PeopleChange> RemoveAsync(Guid organizationId, Guid userId, CancellationToken ct)
    {
        var member = await db.OrganizationMembers.FirstOrDefaultAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct);
        if (member is null) return PeopleChange.NotFound;
        if (member.Role == OrganizationRole.Owner && await IsLastOwnerAsync(organizationId, ct)) return PeopleChange.LastOwner;
        db.OrganizationMembers.Remove(member);
        await db.SaveChangesAsync(ct);
        return PeopleChange.Done;
    }

    // Two owners demoting each other at the very same moment could both pass this check; the
    // network's admins can still attach an owner with the users verb.
    async Task<bool> IsLastOwnerAsync(Guid organizationId, CancellationToken ct) =>
        await db.OrganizationMembers.CountAsync(m => m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner, ct) <= 1;

    async Task<List<EmailAddress>> OwnersAsync(Guid organizationId, CancellationToken ct) =>
        await (from m in db.OrganizationMembers
               join u in db.Set<User>() on m.UserId equals u.Id
               where m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner && u.Email != null
               select new EmailAddress(u.Email!, u.DisplayName)).ToListAsync(ct);

    DateTime Now => clock.GetUtcNow().UtcDateTime;
}

public enum PeopleChange { Done, NotFound, AlreadyMember, AlreadyPending, LastOwner }
