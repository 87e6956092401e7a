using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>"Mon espace": the organisations I act for, with my role, and where I asked to join.</summary>
[Authorize]
public sealed class SpaceModel(ElBasarDbContext db, OrganizationAccess access) : PageModel
{
    public IReadOnlyList<UserOrganization> Organizations { get; private set; } = [];
    public IReadOnlyDictionary<Guid, int> RequestsToDecide { get; private set; } = new Dictionary<Guid, int>();
    public IReadOnlyList<SentRequest> MyRequests { get; private set; } = [];

    public sealed record SentRequest(Guid OrganizationId, string Organization, DateTime CreatedAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        Organizations = await access.OrganizationsOfAsync(userId, ct);
        var owned = Organizations.Where(o => o.Role == OrganizationRole.Owner).Select(o => o.Id).ToList();
        RequestsToDecide = (await db.JoinRequests.AsNoTracking()
                .Where(r => owned.Contains(r.OrganizationId) && r.Status == JoinRequestStatus.Pending)
                .GroupBy(r => r.OrganizationId)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
        MyRequests = await (
                from r in db.JoinRequests.AsNoTracking()
                join o in db.Organizations on r.OrganizationId equals o.Id
                where r.UserId == userId && r.Status == JoinRequestStatus.Pending
                orderby r.CreatedAt descending
                select new SentRequest(o.Id, o.Name, r.CreatedAt))
            .ToListAsync(ct);
    }
}
