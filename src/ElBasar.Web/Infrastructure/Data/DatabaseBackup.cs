using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ElBasar.Web.Infrastructure.Data;

/// <summary>
/// The <c>backup FILE</c> and <c>restore FILE</c> verbs. SQLite: the online backup API copies the
/// database page by page into FILE while the site keeps reading and writing (the copy is one consistent
/// state). PostgreSQL: <c>pg_dump</c> in its custom format (one snapshot, the site keeps running) and
/// <c>pg_restore</c>. A restore only goes onto an empty database: it never mixes two networks' data.
/// </summary>
public sealed class DatabaseBackup(DatabaseInfo database, string pgDump = "pg_dump", string pgRestore = "pg_restore")
{
    public sealed record Outcome(bool Done, string Message);

    /// <summary>A busy SQLite file is tried again for about ten seconds, as the site's own connections wait.</summary>
    const int BusyAttempts = 100;

    /// <summary>The verbs' service, with the PostgreSQL tools' paths from <c>Backup:pg_dump</c> and <c>Backup:pg_restore</c> when set.</summary>
    public static DatabaseBackup From(DatabaseInfo database, IConfiguration configuration) => new(database,
        configuration["Backup:pg_dump"] is { Length: > 0 } dump ? dump : "pg_dump",
        configuration["Backup:pg_restore"] is { Length: > 0 } restore ? restore : "pg_restore");

    public async Task<Outcome> BackupAsync(string file, CancellationToken ct)
    {
        var target = Path.GetFullPath(file);
        if (Path.GetDirectoryName(target) is { } folder) Directory.CreateDirectory(folder);
        var partial = target + ".partial";
        File.Delete(partial);
        if (database.IsSqlite)
        {
            await using var source = new SqliteConnection(database.ConnectionString);
            await source.OpenAsync(ct);
            SqliteConnectionSetup.Prepare(source);
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                // The copy reads the whole database under one read lock; the site's writers can hold the file
                // for a moment (a checkpoint, WAL recovery): wait and start again rather than give up.
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        source.BackupDatabase(copy);
                        break;
                    }
                    catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < BusyAttempts)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                    }
                }
                await using var journal = copy.CreateCommand();
                // One self-contained file: no -wal beside it.
                journal.CommandText = "PRAGMA journal_mode = DELETE";
                await journal.ExecuteNonQueryAsync(ct);
            }
        }
        else
        {
            var (done, error) = await RunAsync(pgDump, ["--format=custom", "--no-owner", "--no-privileges", "--file", partial], ct);
            if (!done)
            {
                File.Delete(partial);
                return new Outcome(false, $"pg_dump a échoué : {error}");
            }
        }
        // Only a finished copy takes the file's name: a backup interrupted half-way never passes for a good one.
        File.Move(partial, target, overwrite: true);
        return new Outcome(true, $"Sauvegarde écrite dans {target} ({new FileInfo(target).Length / 1024.0:N0} Kio).");
    }

    public async Task<Outcome> RestoreAsync(string file, CancellationToken ct)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source)) return new Outcome(false, $"Le fichier {source} n'existe pas.");
        if (await TableCountAsync(ct) > 0)
            return new Outcome(false, "La base de données n'est pas vide : une sauvegarde ne se restaure que sur une base vide (créez-en une nouvelle, ou videz celle-ci).");
        if (database.IsSqlite)
        {
            await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await backup.OpenAsync(ct);
            await using (var check = backup.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check";
                try
                {
                    if (await check.ExecuteScalarAsync(ct) as string != "ok") return new Outcome(false, $"{source} n'est pas une sauvegarde intacte.");
                }
                catch (SqliteException)
                {
                    return new Outcome(false, $"{source} n'est pas une sauvegarde SQLite d'elBasar.");
                }
            }
            await using var target = new SqliteConnection(database.ConnectionString);
            await target.OpenAsync(ct);
            backup.BackupDatabase(target);
        }
        else
        {
            var (done, error) = await RunAsync(pgRestore, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", source], ct);
            if (!done) return new Outcome(false, $"pg_restore a échoué : {error}");
        }
        return new Outcome(true, $"Sauvegarde {source} restaurée.");
    }

    async Task<long> TableCountAsync(CancellationToken ct)
    {
        if (database.IsSqlite)
        {
            await using var sqlite = new SqliteConnection(database.ConnectionString);
            await sqlite.OpenAsync(ct);
            await using var command = sqlite.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'";
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
        await using var postgres = new NpgsqlConnection(database.ConnectionString);
        await postgres.OpenAsync(ct);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'", postgres);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs pg_dump or pg_restore on the site's database: connection through the PG* environment, never on the command line.</summary>
    async Task<(bool Done, string Error)> RunAsync(string tool, string[] arguments, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (tool == pgRestore)
        {
            start.ArgumentList.Insert(0, "--dbname");
            start.ArgumentList.Insert(1, connection.Database ?? "");
        }
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGDATABASE"] = connection.Database;
        if (connection.Password is { } password) start.Environment["PGPASSWORD"] = password;
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode == 0, (await error).Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"{tool} introuvable ({e.Message}) : installez le client PostgreSQL ou donnez son chemin dans Backup:{Path.GetFileName(tool)}.");
        }
    }
}
