using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Infrastructure.Data;
using Npgsql;

namespace ElBasar.Web.Infrastructure.Jobs;

/// <summary>
/// Scheduled work that one node at a time does: a pass of the digest sender, of a reminder or of
/// the membership job takes its job's lock first, and a node that finds it taken skips its pass.
/// In the process, a name held is not lent twice; on PostgreSQL the lock is also a session
/// advisory lock (<c>pg_try_advisory_lock</c>) on a connection of its own, which another node
/// cannot take, and which the server lets go by itself when a node dies with it.
/// SQLite is one node's database: the process's own lock is all there is.
/// </summary>
public sealed class JobLocks(DatabaseInfo database)
{
    readonly ConcurrentDictionary<string, bool> _held = new(StringComparer.Ordinal);

    /// <summary>The lock of <paramref name="job"/>, to dispose when the pass ends; <c>null</c> when another pass holds it.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string job, CancellationToken ct = default)
    {
        if (!_held.TryAdd(job, true)) return null;
        if (database.IsSqlite) return new Held(this, job, null);
        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key(job));
            if (await command.ExecuteScalarAsync(ct) is true) return new Held(this, job, connection);
            await connection.DisposeAsync();
            _held.TryRemove(job, out _);
            return null;
        }
        catch
        {
            if (connection is not null) await connection.DisposeAsync();
            _held.TryRemove(job, out _);
            throw;
        }
    }

    /// <summary>The lock of <paramref name="job"/>, waited for as long as another holds it.</summary>
    public async Task<IAsyncDisposable> TakeAsync(string job, CancellationToken ct = default)
    {
        while (true)
        {
            if (await TryTakeAsync(job, ct) is { } held) return held;
            await Task.Delay(100, ct);
        }
    }

    /// <summary>The advisory lock's number: the first 8 bytes of the SHA-256 of the job's name, the same on every node.</summary>
    public static long Key(string job) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"elbasar-job:{job}")));

    sealed class Held(JobLocks locks, string job, NpgsqlConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection is not null)
                {
                    // Closing would be enough (the pool resets the session); unlocking says so.
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    command.Parameters.AddWithValue("key", Key(job));
                    await command.ExecuteScalarAsync(CancellationToken.None);
                }
            }
            finally
            {
                if (connection is not null) await connection.DisposeAsync();
                locks._held.TryRemove(job, out _);
            }
        }
    }
}
