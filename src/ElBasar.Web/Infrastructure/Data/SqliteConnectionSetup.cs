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

    public static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        sqlite.CreateFunction("elbasar_distance_km", (double lat1, double lon1, double lat2, double lon2) =>
            new GeoPoint(lat1, lon1).DistanceKmTo(new GeoPoint(lat2, lon2)), isDeterministic: true);
        using var command = sqlite.CreateCommand();
        // A 64 MiB page cache and in-memory temporary tables keep bulk imports and the FTS5 merges off the disk.
        // Reads go through a memory map of the file (up to 2 GiB): a search looks up thousands of
        // scattered rows, and a mapped page costs no system call and no copy once the OS has it.
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; " +
            "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 2147483648;";
        command.ExecuteNonQuery();
    }
}
