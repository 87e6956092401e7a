using System.Data.Common;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

/// <summary>The kinds of record the feed carries, as the change log names them.</summary>
public enum FeedKind { Listing, Organization, Item, Event }

/// <summary>
/// Reads the change log that migration 0036's triggers fill (<c>feed_changes</c>). Order is
/// (tx, seq). On PostgreSQL only the changes of transactions older than every transaction still
/// running are read: they are final, so a cursor never passes a change that commits later. On
/// SQLite tx is always 0 and the single writer makes seq alone safe.
/// </summary>
public sealed class FeedChanges(ElBasarDbContext db, DatabaseInfo database)
{
    /// <summary>How often the listings that expired by the clock alone are written into the log.</summary>
    public static readonly TimeSpan ExpirySweepEvery = TimeSpan.FromMinutes(1);

    public sealed record Change(FeedCursor Position, Guid EntityId);

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="after"/>, and whether more follow.</summary>
    public async Task<(IReadOnlyList<Change> Changes, bool More)> ReadAsync(FeedKind kind, FeedCursor after, int limit, CancellationToken ct)
    {
        var safe = database.IsSqlite ? "" : " AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT tx, seq, entity_id FROM feed_changes WHERE kind = @kind AND (tx > @tx OR (tx = @tx AND seq > @seq))"
                + safe + $" ORDER BY tx, seq LIMIT {limit + 1}";
            Add(command, "@kind", Kind(kind));
            Add(command, "@tx", after.Tx);
            Add(command, "@seq", after.Seq);
            var changes = new List<Change>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetValue(2) is Guid guid ? guid : Guid.Parse(reader.GetString(2));
                changes.Add(new Change(new FeedCursor(reader.GetInt64(0), reader.GetInt64(1)), id));
            }
            var more = changes.Count > limit;
            return (more ? changes[..limit] : changes, more);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Writes into the log the listings (and their lending items) whose expiry passed since the last
    /// sweep, at most once per <see cref="ExpirySweepEvery"/>: an expiry changes no row by itself.
    /// The first sweep only sets the mark: a listing read before it was read as it was then.
    /// </summary>
    public async Task LogExpiredAsync(DateTime now, CancellationToken ct)
    {
        var mark = await db.Database.SqlQueryRaw<DateTime?>("SELECT at AS \"Value\" FROM feed_marks WHERE name = 'expiry'").SingleAsync(ct);
        if (mark is { } last && DateTime.SpecifyKind(last, DateTimeKind.Utc) > now - ExpirySweepEvery) return;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The write first: it takes the row's lock (PostgreSQL) or the writer's lock (SQLite), so sweeps run one at a time.
        await db.Database.ExecuteSqlRawAsync("UPDATE feed_marks SET at = at WHERE name = 'expiry'", ct);
        mark = await db.Database.SqlQueryRaw<DateTime?>("SELECT at AS \"Value\" FROM feed_marks WHERE name = 'expiry'").SingleAsync(ct);
        if (mark is { } from)
        {
            from = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            if (from >= now) return;
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO feed_changes (kind, entity_id) SELECT 'listing', id FROM listings WHERE expires_at > {0} AND expires_at <= {1}", [from, now], ct);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO feed_changes (kind, entity_id) SELECT 'item', i.id FROM lending_items i JOIN listings l ON l.id = i.listing_id WHERE l.expires_at > {0} AND l.expires_at <= {1}",
                [from, now], ct);
        }
        await db.Database.ExecuteSqlRawAsync("UPDATE feed_marks SET at = {0} WHERE name = 'expiry'", [now], ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>How often the log is compacted (<see cref="CompactAsync"/>).</summary>
    public static readonly TimeSpan CompactEvery = TimeSpan.FromDays(1);

    /// <summary>
    /// Deletes every change that a later change of the same record supersedes, at most once per
    /// <see cref="CompactEvery"/>; returns how many rows went. A reader gets each record once, as it is
    /// now, at the place of its last change after its cursor, so an earlier change is never read for
    /// anything: whatever its cursor, a reader gets the same records before and after. The log then
    /// holds one row per record ever logged (deleted ones included: a reader with an old cursor still
    /// learns of the deletion), not one per change, which edits and expiries made grow without end.
    /// The caller holds the <c>feed-log</c> job lock: one node compacts at a time.
    /// </summary>
    public async Task<int> CompactAsync(DateTime now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("INSERT INTO feed_marks (name, at) VALUES ('compaction', NULL) ON CONFLICT (name) DO NOTHING", ct);
        var mark = await db.Database.SqlQueryRaw<DateTime?>("SELECT at AS \"Value\" FROM feed_marks WHERE name = 'compaction'").SingleAsync(ct);
        if (mark is { } last && DateTime.SpecifyKind(last, DateTimeKind.Utc) > now - CompactEvery) return 0;
        await db.Database.ExecuteSqlRawAsync("UPDATE feed_marks SET at = {0} WHERE name = 'compaction'", [now], ct);

        // Read first, then deleted by batches of sequence numbers: SQLite's one writer is held a moment at a time.
        var superseded = await db.Database.SqlQueryRaw<long>(
            "SELECT seq AS \"Value\" FROM (SELECT seq, row_number() OVER (PARTITION BY kind, entity_id ORDER BY tx DESC, seq DESC) AS n " +
            "FROM feed_changes) r WHERE n > 1").ToListAsync(ct);
        var deleted = 0;
        foreach (var batch in superseded.Chunk(5_000))
        {
            var delete = "DELETE FROM feed_changes WHERE seq IN (" + string.Join(", ", batch) + ")";
            deleted += await db.Database.ExecuteSqlRawAsync(delete, ct);
        }
        return deleted;
    }

    public static string Kind(FeedKind kind) => kind.ToString().ToLowerInvariant();

    static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
