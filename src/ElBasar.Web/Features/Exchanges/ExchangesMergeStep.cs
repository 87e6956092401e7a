using ElBasar.Web.Features.Directory.Merge;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// Exchanges in a merge of duplicates: the parties move to the kept organisation, and with them the
/// pair columns the dashboard counts by (no foreign key, so the generic move would miss them); each
/// pair touched gets its first exchange flag again.
/// </summary>
sealed class ExchangesMergeStep : IOrganizationMergeStep
{
    public async Task MergeAsync(ElBasarDbContext db, Guid kept, Guid removed, CancellationToken ct)
    {
        var touched = await db.Exchanges.Where(e => e.FromOrganizationId == removed || e.ToOrganizationId == removed).ToListAsync(ct);
        foreach (var exchange in touched)
        {
            if (exchange.FromOrganizationId == removed) exchange.FromOrganizationId = kept;
            if (exchange.ToOrganizationId == removed) exchange.ToOrganizationId = kept;
            var (from, to) = (exchange.FromOrganizationId, exchange.ToOrganizationId);
            (exchange.PairLowId, exchange.PairHighId) = from.CompareTo(to) < 0 ? (from, to) : (to, from);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (low, high) in touched.Select(e => (e.PairLowId, e.PairHighId)).Distinct())
        {
            var pair = db.Exchanges.Where(e => e.PairLowId == low && e.PairHighId == high);
            var first = await pair.Where(e => e.Status == ExchangeStatus.Confirmed).OrderBy(e => e.Date).ThenBy(e => e.CreatedAt)
                .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
            await pair.Where(e => e.FirstOfPair != (e.Id == first)).ExecuteUpdateAsync(s => s.SetProperty(e => e.FirstOfPair, e => e.Id == first), ct);
        }
    }
}
