using ElBasar.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElBasar.Tests.Support;

/// <summary>
/// A database for one test: a temporary SQLite file, or a new database on the PostgreSQL server
/// named by <c>ELBASAR_TEST_POSTGRES</c> (a connection string without a database). Dropped afterwards.
/// It starts as a copy of a template the test run migrates once per database (every script
/// applied, no seed), so that each test does not run the migration scripts again; the site's
/// start-up then finds nothing to migrate and runs its seeds. <see cref="CreateEmptyAsync"/>
/// gives a database with nothing in it.
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

    /// <summary>A migrated database. Skips the test, with the reason, when PostgreSQL is asked for and not configured.</summary>
    public static Task<TestDatabase> CreateAsync(string provider) => CreateAsync(provider, migrated: true);

    /// <summary>A database never migrated: nothing in it.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(string provider) => CreateAsync(provider, migrated: false);

    static async Task<TestDatabase> CreateAsync(string provider, bool migrated)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"elbasar-test-{Guid.NewGuid():N}.db");
            if (migrated) File.Copy(await SqliteTemplate.Value, file);
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null);
        }
        Skip.If(PostgresServer is null, $"PostgreSQL tests need {PostgresVariable} (a connection string to a server); .ci/run sets it.");
        var name = $"elbasar_test_{Guid.NewGuid():N}";
        await CreatePostgresAsync(name, migrated ? await PostgresTemplate.Value : null);
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, null, name);
    }

    static async Task CreatePostgresAsync(string name, string? template)
    {
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        await create.ExecuteNonQueryAsync();
    }

    static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var file = Path.Combine(Path.GetTempPath(), $"elbasar-template-{Guid.NewGuid():N}.db");
        await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        // The pages of the log into the file, which is then copied alone.
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        };
        return file;
    });

    static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var name = $"elbasar_template_{Guid.NewGuid():N}";
        await CreatePostgresAsync(name, null);
        await MigrateAsync(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var admin = new NpgsqlConnection(PostgresServer);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            drop.ExecuteNonQuery();
        };
        return name;
    });

    /// <summary>Every migration script, as the site applies them at start.</summary>
    static async Task MigrateAsync(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql",
            ["ConnectionStrings:ElBasar"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddElBasarData(configuration);
        await using var provided = services.BuildServiceProvider();
        await using var scope = provided.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync();
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
