using ElBasar.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElBasar.Tests.Support;

/// <summary>
/// A database for one test: a temporary SQLite file, or a new database on the PostgreSQL server
/// named by <c>ELBASAR_TEST_POSTGRES</c> (a connection string without a database). Dropped afterwards.
/// It starts as a copy of a template the test run makes once per database: every script applied,
/// then the site started on it once (its seeds: taxonomy, roles, home network, thesaurus, the first
/// Data Protection key), so that each test's start-up finds nothing to migrate or write.
/// <see cref="CreateUnstartedAsync"/> gives a migrated database no site has started on yet, and
/// <see cref="CreateEmptyAsync"/> one with nothing in it.
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

    /// <summary>
    /// A database as the site leaves it after its first start (migrated and seeded, no demo). Skips
    /// the test, with the reason, when PostgreSQL is asked for and not configured.
    /// </summary>
    public static Task<TestDatabase> CreateAsync(string provider) => CreateAsync(provider, Stage.Started);

    /// <summary>A migrated database no site has started on: no seed has run.</summary>
    public static Task<TestDatabase> CreateUnstartedAsync(string provider) => CreateAsync(provider, Stage.Migrated);

    /// <summary>A database never migrated: nothing in it.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(string provider) => CreateAsync(provider, Stage.Empty);

    enum Stage { Empty, Migrated, Started }

    static async Task<TestDatabase> CreateAsync(string provider, Stage stage)
    {
        if (provider == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"elbasar-test-{Guid.NewGuid():N}.db");
            if (stage != Stage.Empty) File.Copy(await (stage == Stage.Started ? SqliteStarted : SqliteMigrated).Value, file);
            return Sqlite(file);
        }
        Skip.If(PostgresServer is null, $"PostgreSQL tests need {PostgresVariable} (a connection string to a server); .ci/run sets it.");
        var name = $"elbasar_test_{Guid.NewGuid():N}";
        await CreatePostgresAsync(name, stage == Stage.Empty ? null : await (stage == Stage.Started ? PostgresStarted : PostgresMigrated).Value);
        return new TestDatabase(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString, null, name);
    }

    static TestDatabase Sqlite(string file) => new(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", file, null);

    static async Task CreatePostgresAsync(string name, string? template)
    {
        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
        await create.ExecuteNonQueryAsync();
    }

    static readonly Lazy<Task<string>> SqliteMigrated = new(async () =>
    {
        var file = NewSqliteTemplateFile();
        await MigrateAsync(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        await CheckpointAsync(file);
        return file;
    });

    static readonly Lazy<Task<string>> SqliteStarted = new(async () =>
    {
        var file = NewSqliteTemplateFile();
        File.Copy(await SqliteMigrated.Value, file);
        await StartOnceAsync(new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False", null, null));
        await CheckpointAsync(file);
        return file;
    });

    static string NewSqliteTemplateFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"elbasar-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        };
        return file;
    }

    /// <summary>The pages of the log into the file, which is then copied alone.</summary>
    static async Task CheckpointAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    static readonly Lazy<Task<string>> PostgresMigrated = new(async () =>
    {
        var name = NewPostgresTemplateName();
        await CreatePostgresAsync(name, null);
        await MigrateAsync(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ConnectionString);
        return name;
    });

    static readonly Lazy<Task<string>> PostgresStarted = new(async () =>
    {
        var name = NewPostgresTemplateName();
        await CreatePostgresAsync(name, await PostgresMigrated.Value);
        // Without a pool, no connection of the site outlives it to block the copies of the template.
        await StartOnceAsync(new TestDatabase(DatabaseProvider.PostgreSql,
            new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ConnectionString, null, null));
        return name;
    });

    static string NewPostgresTemplateName()
    {
        var name = $"elbasar_template_{Guid.NewGuid():N}";
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var admin = new NpgsqlConnection(PostgresServer);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
            drop.ExecuteNonQuery();
        };
        return name;
    }

    /// <summary>The site's first start on a template: what every test's start would otherwise write again.</summary>
    static async Task StartOnceAsync(TestDatabase template)
    {
        await using var app = TestApp.StartOn(template);
    }

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
