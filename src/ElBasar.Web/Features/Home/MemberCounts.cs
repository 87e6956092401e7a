using System.Collections.Concurrent;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Home;

/// <summary>
/// "1 234 membres du réseau" on the home page, counted at most once a minute per network on each web
/// node: counting every active member organisation on each visit cost the home page more than all its
/// listings (a third of a second at 100,000 organisations on PostgreSQL, under load).
/// </summary>
public sealed class MemberCounts(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    readonly ConcurrentDictionary<Guid, (int Count, DateTimeOffset Until)> _counts = new();

    public async Task<int> OfAsync(Guid networkId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_counts.TryGetValue(networkId, out var known) && known.Until > now) return known.Count;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var count = await db.Organizations.CountAsync(o => o.Status == OrganizationStatus.Active
            && o.Networks.Any(m => m.NetworkId == networkId && m.IsMember), ct);
        _counts[networkId] = (count, now + Lifetime);
        return count;
    }
}
