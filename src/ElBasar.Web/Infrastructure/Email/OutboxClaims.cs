using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// The provider-specific piece of the outbox: taking due messages for one dispatcher in one
/// statement, so two dispatchers never hold the same message. A claim lasts until
/// <c>claimed_until</c>; a message whose claim ran out unsent (a crash) is due again.
/// </summary>
public interface IOutboxClaims
{
    /// <summary>Claims up to <paramref name="limit"/> due messages, oldest first, until <paramref name="until"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(ElBasarDbContext db, string claimant, DateTime now, DateTime until,
        int limit, CancellationToken ct);
}

/// <summary>SQLite has one writer at a time: a single UPDATE ... RETURNING is atomic on its own.</summary>
public sealed class SqliteOutboxClaims : IOutboxClaims
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(ElBasarDbContext db, string claimant, DateTime now,
        DateTime until, int limit, CancellationToken ct)
    {
        var claimed = await db.Set<OutboxMessage>().FromSql(
            $"""
            UPDATE outbox_messages SET claimed_by = {claimant}, claimed_until = {until}
            WHERE id IN (SELECT id FROM outbox_messages
                         WHERE sent_at IS NULL AND next_attempt_at <= {now}
                           AND (claimed_until IS NULL OR claimed_until < {now})
                         ORDER BY created_at LIMIT {limit})
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return claimed.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
    }
}

/// <summary>PostgreSQL: rows another node is claiming are skipped, not waited for (<c>FOR UPDATE SKIP LOCKED</c>).</summary>
public sealed class PostgreSqlOutboxClaims : IOutboxClaims
{
    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(ElBasarDbContext db, string claimant, DateTime now,
        DateTime until, int limit, CancellationToken ct)
    {
        var claimed = await db.Set<OutboxMessage>().FromSql(
            $"""
            UPDATE outbox_messages SET claimed_by = {claimant}, claimed_until = {until}
            WHERE id IN (SELECT id FROM outbox_messages
                         WHERE sent_at IS NULL AND next_attempt_at <= {now}
                           AND (claimed_until IS NULL OR claimed_until < {now})
                         ORDER BY created_at LIMIT {limit}
                         FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).AsNoTracking().ToListAsync(ct);
        return claimed.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToList();
    }
}
