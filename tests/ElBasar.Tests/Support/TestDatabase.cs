using ElBasar.Web.Infrastructure.Data;
using Npgsql;

namespace ElBasar.Tests.Support;

/// <summary>
/// A database for one test: a temporary SQLite file, or a new database on the PostgreSQL server
/// named by <c>ELBASAR_TEST_POSTGRES</c> (a connection string without a database). Dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ELBASAR_TEST_POSTGRES";

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    readonly string? _sqliteFile;
    readonly string? _postgresName;

    TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
    }

    public string ProviderName => Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    /// <summary>Skips the test, with the reason, when PostgreSQL is asked for and not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"elbasar-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null);
        }
        Skip.If(PostgresServer is null, $"PostgreSQL tests need {PostgresVariable} (a connection string to a server); .ci/run sets it.");
        var name = $"elbasar_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, null, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqliteFile + suffix);
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(PostgresServer);
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Runs a theory once per database: SQLite always, PostgreSQL when configured (skipped otherwise).</summary>
public sealed class BothDatabasesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [["sqlite"], ["postgresql"]];
}
