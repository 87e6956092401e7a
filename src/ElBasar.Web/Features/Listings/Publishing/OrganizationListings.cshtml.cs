using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// An organisation's own listings, for its owners and editors, by where they stand: online, paused,
/// closed (pourvues, retirées), hidden by the moderation with the moderator's reason.
/// </summary>
[Authorize]
public sealed class OrganizationListingsModel(ElBasarDbContext db, OrganizationAccess access, ModerationNotices moderation, TimeProvider clock)
    : PageModel
{
    public string OrganizationName { get; private set; } = "";
    public IReadOnlyList<Row> Online { get; private set; } = [];
    public IReadOnlyList<Row> Paused { get; private set; } = [];
    public IReadOnlyList<Row> Closed { get; private set; } = [];
    public IReadOnlyList<Row> Hidden { get; private set; } = [];
    public IReadOnlyList<Row> Unpaid { get; private set; } = [];

    public sealed record Row(
        Guid Id, string Title, ListingKind Kind, ListingStatus Status, ListingOutcome? Outcome, DateTime UpdatedAt,
        DateTime? ExpiresAt, DateTime? ClosedAt, bool Expired)
    {
        public ModerationNotice? Notice { get; init; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId || !await access.CanEditAsync(userId, id, ct)) return NotFound();
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Listings.AsNoTracking()
            .Where(l => l.OrganizationId == id)
            .OrderByDescending(l => l.UpdatedAt)
            .Select(l => new Row(l.Id, l.Title, l.Kind, l.Status, l.ClosedOutcome, l.UpdatedAt, l.ExpiresAt, l.ClosedAt,
                l.ExpiresAt != null && l.ExpiresAt <= now))
            .ToListAsync(ct);
        Online = rows.Where(r => r.Status == ListingStatus.Published).ToList();
        Paused = rows.Where(r => r.Status == ListingStatus.Draft).ToList();
        Closed = rows.Where(r => r.Status == ListingStatus.Closed).ToList();
        Unpaid = rows.Where(r => r.Status == ListingStatus.Unpaid).ToList();
        var hidden = new List<Row>();
        foreach (var row in rows.Where(r => r.Status == ListingStatus.Hidden))
            hidden.Add(row with { Notice = await moderation.FindAsync(ModerationSubjectKind.Listing, row.Id, ct) });
        Hidden = hidden;
        return Page();
    }

    public string ReturnUrl => $"/structures/{RouteData.Values["id"]}/annonces";
}
