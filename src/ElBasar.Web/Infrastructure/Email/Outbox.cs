using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Queues mail in the caller's unit of work: <c>outbox.Add(...)</c>, then <c>db.SaveChangesAsync()</c>,
/// so the message commits, or not, together with what caused it.
/// </summary>
public sealed class Outbox(ElBasarDbContext db, TimeProvider clock)
{
    /// <summary>Adds the message to the current DbContext without saving; a message whose key is already queued is dropped at save.</summary>
    public void Add(EmailMessage message)
    {
        message.Validate();
        db.Set<OutboxMessage>().Add(OutboxMessage.Queue(message, clock.GetUtcNow()));
    }
}

/// <summary>
/// Drops, just before a save, the queued messages whose key is already in the table or twice in
/// the batch, so <see cref="Outbox.Add"/> stays synchronous and the check reads the same
/// transaction as the insert. Two transactions racing on one key are settled by the unique
/// index: the second save fails, and its retry then finds the key.
/// </summary>
sealed class OutboxKeyInterceptor : SaveChangesInterceptor
{
    public static readonly OutboxKeyInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        DropKnownKeysAsync(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await DropKnownKeysAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    static async Task DropKnownKeysAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.Key is not null)
            .ToList();
        if (added.Count == 0) return;

        var keys = added.Select(e => e.Entity.Key!).Distinct().ToList();
        var query = context.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.Key!)).Select(m => m.Key!);
        var known = (async ? await query.ToListAsync(ct) : query.ToList()).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in added)
        {
            if (!known.Add(entry.Entity.Key!)) entry.State = EntityState.Detached;
        }
    }
}
