using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>Reads of the calendar shared by the pages, the API and the feeds.</summary>
public static class LendingQueries
{
    public static async Task<IReadOnlyList<(DateOnly Day, int Free, bool Blocked)>> AvailabilityAsync(
        ElBasarDbContext db, LendingItem item, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var held = await db.ReservationDays.AsNoTracking().Where(d => d.ItemId == item.Id && d.Day >= from && d.Day <= to).Select(d => d.Day).ToListAsync(ct);
        var blocked = await BlockedAsync(db, item.Id, from, to, ct);
        return ReservationCalendar.Availability(from, to, item.Quantity, blocked, held);
    }

    public static async Task<HashSet<DateOnly>> BlockedAsync(ElBasarDbContext db, Guid itemId, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.LendingBlocks.AsNoTracking().Where(b => b.ItemId == itemId && b.Day >= from && b.Day <= to).Select(b => b.Day).ToListAsync(ct)).ToHashSet();

    /// <summary>The month view of an item.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<CalendarDay>>> MonthAsync(ElBasarDbContext db, LendingItem item, int year, int month,
        DateOnly today, CancellationToken ct)
    {
        var first = new DateOnly(year, month, 1).AddDays(-7);
        var last = new DateOnly(year, month, 1).AddMonths(1).AddDays(7);
        var held = await (from d in db.ReservationDays.AsNoTracking()
                          join r in db.Reservations on d.ReservationId equals r.Id
                          where d.ItemId == item.Id && d.Day >= first && d.Day <= last
                          select new { d.Day, r.Status }).ToListAsync(ct);
        var blocked = await BlockedAsync(db, item.Id, first, last, ct);
        return ReservationCalendar.Month(year, month, item.Quantity, today, blocked, held.Select(h => (h.Day, h.Status)));
    }
}
