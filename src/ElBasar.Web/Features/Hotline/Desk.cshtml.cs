using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>The facilitators' inbox: open requests, urgent first then oldest; the latest closed ones below.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class DeskModel(ElBasarDbContext db) : PageModel
{
    const int ClosedShown = 50;

    public sealed record Line(Guid Id, DateTime CreatedAt, string Name, string What, string? Commune, HotlineUrgency Urgency,
        string? AssignedTo, HotlineStatus Status, int Minutes);

    public IReadOnlyList<Line> Open { get; private set; } = [];
    public IReadOnlyList<Line> Closed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Open = (await LinesAsync(db.HotlineRequests.Where(r => r.Status == HotlineStatus.Open), ct))
            .OrderByDescending(l => l.Urgency).ThenBy(l => l.CreatedAt).ToList();
        Closed = await LinesAsync(db.HotlineRequests.Where(r => r.Status != HotlineStatus.Open).OrderByDescending(r => r.CreatedAt).Take(ClosedShown), ct);
    }

    Task<List<Line>> LinesAsync(IQueryable<HotlineRequest> requests, CancellationToken ct)
    {
        var entries = db.HotlineEntries;
        var users = db.Set<User>();
        return requests.AsNoTracking().Select(r => new Line(r.Id, r.CreatedAt, r.Name, r.What, r.Commune, r.Urgency,
            users.Where(u => u.Id == r.AssignedToId).Select(u => u.DisplayName).FirstOrDefault(), r.Status,
            entries.Where(e => e.RequestId == r.Id).Sum(e => e.Minutes))).ToListAsync(ct);
    }
}
