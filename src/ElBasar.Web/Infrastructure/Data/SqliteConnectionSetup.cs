using System.Data.Common;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Infrastructure.Data;

/// <summary>
/// Prepares every SQLite connection: WAL for concurrent readers, a busy timeout instead of
/// immediate "database is locked" errors, and the distance function that PostgreSQL gets
/// from the migration, so that search SQL reads the same on both providers.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    const int CacheKibibytes = 16 * 1024;

    /// <summary>The page cache a bulk import sets on the one connection it holds: FTS5 merges stay off the disk.</summary>
    public const int BulkCacheKibibytes = 64 * 1024;

    public static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        sqlite.CreateFunction("elbasar_distance_km", (double lat1, double lon1, double lat2, double lon2) =>
            new GeoPoint(lat1, lon1).DistanceKmTo(new GeoPoint(lat2, lon2)), isDeterministic: true);
        using var command = sqlite.CreateCommand();
        // A 16 MiB page cache per connection, and no memory map of the file: the site keeps a pool of
        // connections, each with its own cache and its own map, and a map of a large database counted
        // once per connection in the process's resident memory (gigabytes under load at a million
        // listings). The operating system's file cache serves the pages they share. A bulk import asks
        // for a larger cache on its own connection (BulkCacheKibibytes).
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; " +
            $"PRAGMA cache_size = -{CacheKibibytes}; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 0;";
        command.ExecuteNonQuery();
    }
}
