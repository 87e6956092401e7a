using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Loans that ended with the item returned, for the impact measurement (Exchanges): each is a
/// non-market exchange between the lender and the borrower, worth its number of days lent.
/// Read-only; the lending tables stay this feature's own.
/// </summary>
public sealed class CompletedLoans(ElBasarDbContext db)
{
    /// <summary>Returned loans, oldest return first; <paramref name="returnedSince"/> (UTC) limits to returns from then on.</summary>
    public Task<IReadOnlyList<CompletedLoan>> ListAsync(DateTime? returnedSince = null, CancellationToken ct = default) =>
        ReadAsync(returnedSince is { } since ? r => r.ReturnedAt >= since : r => true, ct);

    /// <summary>One returned loan, or null when that reservation is not returned.</summary>
    public async Task<CompletedLoan?> FindAsync(Guid reservationId, CancellationToken ct = default) =>
        (await ReadAsync(r => r.Id == reservationId, ct)).SingleOrDefault();

    async Task<IReadOnlyList<CompletedLoan>> ReadAsync(System.Linq.Expressions.Expression<Func<Reservation, bool>> which, CancellationToken ct)
    {
        var loans = db.Reservations.AsNoTracking().Where(r => r.Status == ReservationStatus.Returned && r.ReturnedAt != null).Where(which);
        var rows = await loans.OrderBy(r => r.ReturnedAt)
            .Select(r => new
            {
                r.Id, r.Item!.OrganizationId, r.BorrowerOrganizationId, r.RequestedById, r.BorrowerName,
                r.Item.Listing!.Title, r.Item.Listing.Category, r.From, r.To, r.CheckedOutAt, ReturnedAt = r.ReturnedAt!.Value,
            }).ToListAsync(ct);
        return rows.Select(r =>
        {
            // Days actually lent: from pickup (or the first day booked) to the return, both included.
            var start = r.CheckedOutAt is { } picked ? ReservationCalendar.Today(picked) : r.From;
            var end = ReservationCalendar.Today(r.ReturnedAt);
            return new CompletedLoan(r.Id, r.OrganizationId, r.BorrowerOrganizationId, r.RequestedById, r.BorrowerName, r.Title, r.Category,
                r.From, r.To, end, r.ReturnedAt, Math.Max(1, end.DayNumber - start.DayNumber + 1));
        }).ToList();
    }
}

/// <summary>
/// Told of each loan as soon as its return is recorded (the exchanges feature records it for the
/// impact figures); Lending knows nothing of who listens.
/// </summary>
public interface ILoanReturnedHandler
{
    Task ReturnedAsync(CompletedLoan loan, Guid recordedBy, CancellationToken ct);
}

/// <summary>
/// One returned loan. <see cref="BorrowerOrganizationId"/> is null when a person borrowed for themselves
/// (<see cref="BorrowerUserId"/>, null once that account is deleted).
/// </summary>
public sealed record CompletedLoan(Guid ReservationId, Guid LenderOrganizationId, Guid? BorrowerOrganizationId, Guid? BorrowerUserId,
    string BorrowerName, string ItemTitle, string Category, DateOnly From, DateOnly To, DateOnly ReturnDate, DateTime ReturnedAt, int DaysLent);
