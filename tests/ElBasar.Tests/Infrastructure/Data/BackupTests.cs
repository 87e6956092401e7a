using System.Data.Common;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ElBasar.Tests.Infrastructure.Data;

/// <summary>
/// <c>backup FILE</c> while the site runs and <c>restore FILE</c> onto an empty database: the demo
/// network goes round and comes back with every row of every table; a restore never goes onto a
/// database that holds something.
/// </summary>
public sealed class BackupTests
{
    static readonly Dictionary<string, string?> WithDemo = new() { ["Demo:Seed"] = "true" };

    static DatabaseBackup BackupOf(TestDatabase database) => new(new DatabaseInfo(database.Provider, database.ConnectionString));

    [SkippableTheory, BothDatabases]
    public async Task A_populated_database_goes_round_a_backup_and_a_restore_with_every_row_of_every_table(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, WithDemo);
        var file = Path.Combine(Path.GetTempPath(), $"elbasar-backup-{Guid.NewGuid():N}.bak");
        await using var restored = await TestDatabase.CreateEmptyAsync(provider);
        try
        {
            var backup = await BackupOf(app.Database).BackupAsync(file, default);
            Assert.True(backup.Done, backup.Message);
            Assert.False(File.Exists(file + ".partial"));

            var restore = await BackupOf(restored).RestoreAsync(file, default);
            Assert.True(restore.Done, restore.Message);

            var original = await TablesAsync(app.Database);
            var copy = await TablesAsync(restored);
            Assert.Equal(original.Keys.Order(), copy.Keys.Order());
            Assert.True(original["listings"].Count > 10, "The demo network has listings.");
            Assert.True(original["organizations"].Count > 5, "The demo network has organisations.");
            foreach (var (table, rows) in original) Assert.True(rows.SequenceEqual(copy[table]), $"Table {table} differs after the round trip.");

            // The restored database serves the site as it is: nothing left to migrate.
            await using var again = TestApp.StartOn(restored);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await again.CreateClient().GetAsync("/readyz")).StatusCode);
            var organization = await app.WithDbAsync((db, _) => db.Organizations.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).FirstAsync());
            Assert.Contains(organization.Name, Html.VisibleText(await again.CreateClient().GetStringAsync($"/structures/{organization.Id}")));

            // A second restore onto the now full database is refused, and changes nothing.
            var refused = await BackupOf(restored).RestoreAsync(file, default);
            Assert.False(refused.Done);
            Assert.Contains("pas vide", refused.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_sqlite_backup_taken_while_listings_are_written_is_one_consistent_state()
    {
        await using var app = await TestApp.StartAsync("sqlite", WithDemo);
        var file = Path.Combine(Path.GetTempPath(), $"elbasar-backup-{Guid.NewGuid():N}.bak");
        try
        {
            var organization = await new OrganizationBuilder().SaveAsync(app);
            using var stop = new CancellationTokenSource();
            var written = 0;
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await new ListingBuilder(organization).Titled($"Annonce {written}").SaveAsync(app);
                    written++;
                }
            });
            while (written < 5) await Task.Delay(20);
            var before = written;
            var backup = await BackupOf(app.Database).BackupAsync(file, default);
            var after = written;
            stop.Cancel();
            await writer;
            Assert.True(backup.Done, backup.Message);

            await using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await copy.OpenAsync();
            Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
            Assert.Equal(0L, await ScalarAsync(copy, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
            var copied = (long)(await ScalarAsync(copy, $"SELECT COUNT(*) FROM listings WHERE organization_id = '{organization.Id.ToString().ToUpperInvariant()}'"))!;
            Assert.InRange(copied, before, after + 1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>Every table's rows, each row as text, in a stable order.</summary>
    static async Task<Dictionary<string, List<string>>> TablesAsync(TestDatabase database)
    {
        await using DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var tables = new Dictionary<string, List<string>>();
        foreach (var name in names)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
                rows.Add(string.Join("\u001f", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            tables[name] = rows;
        }
        return tables;
    }
}
