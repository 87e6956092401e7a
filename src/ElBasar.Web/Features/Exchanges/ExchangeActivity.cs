using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The confirmed exchanges of one month between two parties, market or not, summed up.</summary>
public sealed record PairMonthActivity(
    int Month, Guid FromOrganizationId, Guid ToOrganizationId, bool Market, int Exchanges, long AmountCents, long Minutes);

/// <summary>
/// The confirmed exchanges for other features that count them by their own keys (Features/OpenData counts
/// them by commune, EPCI and month): one GROUP BY over the period, one row per pair, month and market,
/// so nothing reads the exchanges one by one. A network's are those its <see cref="ImpactScope"/> keeps, as on the impact
/// page, so an exchange counts once in each network one of its parties is a member of.
/// </summary>
public sealed class ExchangeActivity(ElBasarDbContext db)
{
    /// <summary>The confirmed exchanges of <paramref name="scope"/> dated from <paramref name="from"/> to <paramref name="to"/> (both included), by pair, month and market.</summary>
    public async Task<IReadOnlyList<PairMonthActivity>> ByPairAndMonthAsync(DateOnly from, DateOnly to, ImpactScope scope, CancellationToken ct) =>
        await scope.Filter(db.Exchanges.AsNoTracking().Where(e => e.Status == ExchangeStatus.Confirmed && e.Date >= from && e.Date <= to), db)
            .GroupBy(e => new { e.Month, e.FromOrganizationId, e.ToOrganizationId, e.Market })
            .Select(g => new PairMonthActivity(g.Key.Month, g.Key.FromOrganizationId, g.Key.ToOrganizationId, g.Key.Market, g.Count(),
                g.Sum(e => e.AmountCents ?? 0), g.Sum(e => (long)(e.Minutes ?? 0))))
            .ToListAsync(ct);

    /// <summary>
    /// The installation's rows of the period, and among them those <paramref name="scope"/> keeps (the same list for the
    /// installation), for the open data, whose secret compares a network's counts with the whole site's. One GROUP BY over
    /// every exchange and the list of the scope's members, rather than a second GROUP BY: a row is one pair, so it is kept as
    /// <see cref="ImpactScope.Filter"/> keeps each of its exchanges, when a party is a member of the scope's networks.
    /// </summary>
    public async Task<(IReadOnlyList<PairMonthActivity> Whole, IReadOnlyList<PairMonthActivity> InScope)> ByPairAndMonthWithWholeAsync(
        DateOnly from, DateOnly to, ImpactScope scope, CancellationToken ct)
    {
        var whole = await ByPairAndMonthAsync(from, to, ImpactScope.Installation, ct);
        if (scope.Whole) return (whole, whole);
        var members = (await scope.MemberOrganizations(db).ToListAsync(ct)).ToHashSet();
        return (whole, whole.Where(r => members.Contains(r.FromOrganizationId) || members.Contains(r.ToOrganizationId)).ToList());
    }

    /// <summary>When an exchange of <paramref name="scope"/> was last confirmed, if ever: the date its activity figures last changed.</summary>
    public Task<DateTime?> LastConfirmedAtAsync(ImpactScope scope, CancellationToken ct) =>
        scope.Filter(db.Exchanges.Where(e => e.Status == ExchangeStatus.Confirmed), db).MaxAsync(e => e.ConfirmedAt, ct);
}
