using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// The cooperations of a period for the impact dashboard, apart from the exchanges' figures: those
/// active at some day of the period (started by its last day, not ended before its first), by kind,
/// those started in it, and the organisations taking part in at least one active cooperation.
/// </summary>
public sealed class CooperationFigures(ElBasarDbContext db)
{
    public sealed record KindLine(CooperationKind Kind, string Label, int Active);

    public sealed record Figures(int Active, int Started, int Organizations, IReadOnlyList<KindLine> ByKind);

    /// <summary>Both days included.</summary>
    public async Task<Figures> ComputeAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var active = db.Set<Cooperation>().AsNoTracking().Where(c => c.StartsOn <= to && (c.EndsOn == null || c.EndsOn >= from));
        var byKind = await active.GroupBy(c => c.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var started = await active.CountAsync(c => c.StartsOn >= from, ct);
        var organizations = await db.Set<CooperationParticipant>().AsNoTracking()
            .Where(p => active.Any(c => c.Id == p.CooperationId)).Select(p => p.OrganizationId).Distinct().CountAsync(ct);
        var lines = Enum.GetValues<CooperationKind>()
            .Select(k => new KindLine(k, CooperationWords.Label(k), byKind.Where(b => b.Key == k).Sum(b => b.Count))).ToList();
        return new Figures(lines.Sum(l => l.Active), started, organizations, lines);
    }
}
