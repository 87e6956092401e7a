using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace ElBasar.Bench;

/// <summary>
/// Rows written straight into the web app's tables (SQLite: one prepared statement in one transaction,
/// values as EF Core stores them; PostgreSQL: binary COPY), counts, percentiles and memory figures,
/// shared by the benchmarks that prepare large tables.
/// </summary>
static class BenchTables
{
    public static async Task WriteAsync(string provider, string connectionString, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var n = 0;
        if (provider == "sqlite")
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((_, i) => command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].SqliteType = row[i] is long or int or bool ? SqliteType.Integer : SqliteType.Text;
                    parameters[i].Value = Sqlite(row[i]);
                }
                await command.ExecuteNonQueryAsync();
                if (++n % 500_000 == 0) Console.WriteLine($"  {n:N0} {table}");
            }
            await transaction.CommitAsync();
            return;
        }
        await using var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await pg.OpenAsync();
        await using var writer = await pg.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.FromHours(1);
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await writer.WriteNullAsync(); break;
                    case Guid g: await writer.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case string s: await writer.WriteAsync(s, NpgsqlDbType.Varchar); break;
                    case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    case int i: await writer.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case decimal d: await writer.WriteAsync(d, NpgsqlDbType.Numeric); break;
                    case DateOnly d: await writer.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTime t: await writer.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    default: throw new InvalidOperationException($"No COPY type for {value.GetType()}.");
                }
            }
            if (++n % 500_000 == 0) Console.WriteLine($"  {n:N0} {table}");
        }
        await writer.CompleteAsync();
    }

    /// <summary>A value as EF Core writes it on SQLite: upper-case GUID text, ISO dates, 0/1 booleans, decimals as text.</summary>
    public static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        decimal d => d.ToString("0.0###", CultureInfo.InvariantCulture),
        var v => v,
    };

    /// <summary>VACUUM ANALYZE (PostgreSQL) or ANALYZE (SQLite) after a bulk load, what autovacuum would soon do.</summary>
    public static async Task AnalyzeAsync(string provider, string connectionString)
    {
        if (provider == "sqlite")
        {
            await using var sqlite = new SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            await using var analyze = new SqliteCommand("ANALYZE", sqlite);
            await analyze.ExecuteNonQueryAsync();
            return;
        }
        await using var pg = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString);
        await pg.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", pg);
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>The value of a one-value query, or null when the database or table does not exist yet.</summary>
    public static async Task<long?> ScalarAsync(string provider, string connection, string sql)
    {
        try
        {
            if (provider == "sqlite")
            {
                var builder = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                if (!File.Exists(builder.DataSource)) return null;
                await using var sqlite = new SqliteConnection(builder.ToString());
                await sqlite.OpenAsync();
                await using var command = new SqliteCommand(sql, sqlite);
                return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            await using var postgres = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Pooling = false }.ConnectionString);
            await postgres.OpenAsync();
            await using var count = new NpgsqlCommand(sql, postgres);
            return Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return null;
        }
    }

    /// <summary>Nearest rank: the smallest value with at least p % of the samples at or below it.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>The process's resident memory now, in MiB.</summary>
    public static double RssMb()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576.0;
    }
}
