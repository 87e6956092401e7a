using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Infrastructure.Data;

/// <summary>
/// Applies the numbered SQL scripts of <c>Migrations/{sqlite,postgresql}</c> that the database has
/// not seen yet, each in its own transaction, and records them in <c>schema_migrations</c>.
/// A released script never changes: fixes come as new scripts.
/// </summary>
public sealed partial class MigrationRunner(ElBasarDbContext db, DatabaseInfo database, ILogger<MigrationRunner> logger)
{
    // Any fixed number does: every node of a PostgreSQL install takes this lock before migrating.
    const long PostgreSqlLockKey = 0x656c62617361;

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgresql";
        var prefix = $"ElBasar.Web.Infrastructure.Data.Migrations.{folder}.";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var match = ScriptName().Match(file);
                if (!match.Success) throw new InvalidOperationException($"Migration '{file}' must be named NNNN_name.sql.");
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Script(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version)
            .ToList();
    }

    /// <summary>Creates or upgrades the database; returns the scripts applied now.</summary>
    public async Task<IReadOnlyList<Script>> MigrateAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (!database.IsSqlite) await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgreSqlLockKey})", ct);
            try
            {
                return await ApplyPendingAsync(connection, ct);
            }
            finally
            {
                if (!database.IsSqlite) await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgreSqlLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The versions already applied, or an empty set on a database never migrated.</summary>
    public async Task<IReadOnlySet<int>> AppliedVersionsAsync(CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ExecuteAsync(connection, null, CreateHistoryTable, ct);
            return await ReadAppliedAsync(connection, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    const string CreateHistoryTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL)";

    async Task<IReadOnlyList<Script>> ApplyPendingAsync(DbConnection connection, CancellationToken ct)
    {
        await ExecuteAsync(connection, null, CreateHistoryTable, ct);
        var applied = await ReadAppliedAsync(connection, ct);
        var done = new List<Script>();
        foreach (var script in Scripts(database.Provider).Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            await ExecuteAsync(connection, transaction, script.Sql, ct);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @a)";
                AddParameter(record, "@v", script.Version);
                AddParameter(record, "@n", script.Name);
                AddParameter(record, "@a", DateTime.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            logger.LogInformation("Applied migration {Version} {Name}", script.Version, script.Name);
            done.Add(script);
        }
        return done;
    }

    static async Task<IReadOnlySet<int>> ReadAppliedAsync(DbConnection connection, CancellationToken ct)
    {
        var applied = new HashSet<int>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied.Add(Convert.ToInt32(reader.GetValue(0)));
        return applied;
    }

    static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)$")]
    private static partial Regex ScriptName();
}
