using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// An organisation's lending desk, for its people: late items first, then requests to answer, current
/// and coming loans, its items, what it borrows, the history, and its private calendar feed.
/// </summary>
[Authorize]
public sealed class LoansModel(ElBasarDbContext db, OrganizationAccess access, LoanDesk desk, IDataProtectionProvider protection) : PageModel
{
    public string Name { get; private set; } = "";
    public Guid OrganizationId { get; private set; }
    public IReadOnlyList<ReservationRow> Late { get; private set; } = [];
    public IReadOnlyList<ReservationRow> Pending { get; private set; } = [];
    public IReadOnlyList<ReservationRow> Current { get; private set; } = [];
    public IReadOnlyList<ReservationRow> Borrowings { get; private set; } = [];
    public IReadOnlyList<ReservationRow> History { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Title, int Quantity)> Items { get; private set; } = [];
    public string FeedUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await access.CanEditAsync(OrganizationAccess.UserIdOf(User)!.Value, id, ct)) return NotFound();
        OrganizationId = id;
        Name = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        var today = desk.Today;
        var lendings = await db.Reservations.AsNoTracking().Include(r => r.Item).ThenInclude(i => i!.Listing)
            .Where(r => r.Item!.OrganizationId == id).OrderBy(r => r.From).ToListAsync(ct);
        var rows = lendings.Select(r => new ReservationRow(r, r.Item!.Listing!.Title, today)).ToList();
        Late = rows.Where(r => r.Late).OrderBy(r => r.Reservation.To).ToList();
        Pending = rows.Where(r => r.Reservation.Status == ReservationStatus.Pending).ToList();
        Current = rows.Where(r => !r.Late && r.Reservation.Status is ReservationStatus.Confirmed or ReservationStatus.Lent).ToList();
        History = rows.Where(r => r.Reservation.Status is ReservationStatus.Returned or ReservationStatus.Declined or ReservationStatus.Cancelled)
            .OrderByDescending(r => r.Reservation.From).ToList();
        Borrowings = (await db.Reservations.AsNoTracking().Include(r => r.Item).ThenInclude(i => i!.Listing)
                .Where(r => r.BorrowerOrganizationId == id).OrderByDescending(r => r.From).Take(200).ToListAsync(ct))
            .Select(r => new ReservationRow(r, r.Item!.Listing!.Title, today)).ToList();
        Items = (await db.LendingItems.AsNoTracking().Where(i => i.OrganizationId == id).OrderBy(i => i.Listing!.Title)
            .Select(i => new { i.Id, i.Listing!.Title, i.Quantity }).ToListAsync(ct)).Select(i => (i.Id, i.Title, i.Quantity)).ToList();
        FeedUrl = $"{Request.Scheme}://{Request.Host}/structures/{id}/prets.ics?cle={Uri.EscapeDataString(LendingFeeds.KeyOf(protection, id))}";
        return Page();
    }
}
