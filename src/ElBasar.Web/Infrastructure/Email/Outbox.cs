using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    /// <summary>
    /// Adds one reader's copy of a shared body without saving: at save, the body is written once
    /// (unless a message already holds it) and the copy refers to it. Dropped at save like a message
    /// whose key is already queued.
    /// </summary>
    public void Add(EmailCopy copy)
    {
        copy.Validate();
        db.Set<OutboxMessage>().Add(OutboxMessage.Queue(copy, clock.GetUtcNow()));
    }
}

/// <summary>
/// Runs just before a save, so that <see cref="Outbox.Add(EmailMessage)"/> stays synchronous and
/// its checks read the same transaction as the insert: (1) drops the queued messages whose key is
/// already in the table or twice in the batch; (2) points each copy still queued at its shared
/// body, found by hash or added now. Two transactions racing on one key or one body are settled by
/// the unique indexes: the second save fails, and its retry then finds the row.
/// </summary>
sealed class OutboxSaveInterceptor : SaveChangesInterceptor
{
    public static readonly OutboxSaveInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        PrepareAsync(eventData.Context, async: false, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await PrepareAsync(eventData.Context, async: true, cancellationToken);
        return result;
    }

    static async Task PrepareAsync(DbContext? context, bool async, CancellationToken ct)
    {
        if (context is null) return;
        var added = context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count == 0) return;
        await DropKnownKeysAsync(context, added, async, ct);
        await AttachBodiesAsync(context, added, async, ct);
    }

    static async Task DropKnownKeysAsync(DbContext context, List<EntityEntry<OutboxMessage>> added, bool async, CancellationToken ct)
    {
        var keyed = added.Where(e => e.Entity.Key is not null).ToList();
        if (keyed.Count == 0) return;
        var keys = keyed.Select(e => e.Entity.Key!).Distinct().ToList();
        var query = context.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.Key!)).Select(m => m.Key!);
        var known = (async ? await query.ToListAsync(ct) : query.ToList()).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in keyed)
        {
            if (!known.Add(entry.Entity.Key!)) entry.State = EntityState.Detached;
        }
    }

    // Only copies that survived the key check count: a batch whose copies were all queued before
    // writes no body, so no body is ever saved without a message that refers to it.
    static async Task AttachBodiesAsync(DbContext context, List<EntityEntry<OutboxMessage>> added, bool async, CancellationToken ct)
    {
        var copies = added.Where(e => e.State == EntityState.Added && e.Entity.PendingBody is not null && e.Entity.BodyId is null).ToList();
        if (copies.Count == 0) return;
        var bodies = copies.Select(c => c.Entity.PendingBody!).DistinctBy(b => b.Hash).ToList();
        var hashes = bodies.Select(b => b.Hash).ToList();
        var query = context.Set<OutboxBody>().AsNoTracking().Where(b => hashes.Contains(b.Hash)).Select(b => new { b.Hash, b.Id });
        var ids = (async ? await query.ToListAsync(ct) : query.ToList()).ToDictionary(b => b.Hash, b => b.Id, StringComparer.Ordinal);
        // A body added by an earlier save of this context that failed is still to insert.
        foreach (var tracked in context.ChangeTracker.Entries<OutboxBody>().Where(e => e.State == EntityState.Added)) ids[tracked.Entity.Hash] = tracked.Entity.Id;
        var now = copies.Min(c => c.Entity.CreatedAt);
        foreach (var body in bodies.Where(b => !ids.ContainsKey(b.Hash)))
        {
            var row = new OutboxBody
            {
                Id = Guid.CreateVersion7(new DateTimeOffset(now, TimeSpan.Zero)),
                Hash = body.Hash,
                TextBody = body.TextBody,
                HtmlBody = body.HtmlBody,
                CreatedAt = now,
            };
            context.Set<OutboxBody>().Add(row);
            ids[body.Hash] = row.Id;
        }
        foreach (var copy in copies) copy.Property(m => m.BodyId).CurrentValue = ids[copy.Entity.PendingBody!.Hash];
    }
}
