using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>"Mes emprunts": every reservation the person asked for, for themselves or an organisation, newest first.</summary>
[Authorize]
public sealed class MyBorrowingsModel(ElBasarDbContext db, LoanDesk desk) : PageModel
{
    public IReadOnlyList<ReservationRow> Current { get; private set; } = [];
    public IReadOnlyList<ReservationRow> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        var today = desk.Today;
        var rows = (await db.Reservations.AsNoTracking().Include(r => r.Item).ThenInclude(i => i!.Listing)
                .Where(r => r.RequestedById == userId).OrderByDescending(r => r.From).Take(500).ToListAsync(ct))
            .Select(r => new ReservationRow(r, r.Item!.Listing!.Title, today)).ToList();
        Current = rows.Where(r => r.Reservation.HoldsUnits).OrderByDescending(r => r.Late).ThenBy(r => r.Reservation.From).ToList();
        Past = rows.Where(r => !r.Reservation.HoldsUnits).ToList();
    }
}
