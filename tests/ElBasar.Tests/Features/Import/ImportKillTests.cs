using System.Diagnostics;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ElBasar.Tests.Features.Import;

/// <summary>
/// <c>import listings FILE</c> as a real process, killed while it writes a large file, then run again: the
/// database holds whole batches only, each listing with its exchange modes and its search entry, and the
/// second run adds exactly what the first did not, with no listing twice.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper output) : IDisposable
{
    const int Organizations = 100;
    const int Listings = 15_000;
    // Importer.BatchSize: each batch is one transaction.
    const int Batch = 1000;

    readonly string _folder = System.IO.Directory.CreateTempSubdirectory("elbasar-import-kill-").FullName;

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);

    static readonly Dictionary<string, string?> Settings = new();

    [SkippableTheory, BothDatabases]
    public async Task An_import_killed_half_way_keeps_whole_batches_and_a_second_run_finishes_it_without_duplicates(string provider)
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(provider);
        var (organizations, listings) = WriteFiles();

        await using (var import = SiteProcess.StartVerb(database, Settings, "import", "organizations", organizations))
            Assert.True(await ExitedAsync(import) == 0, import.Output);
        await using var rows = DatabaseReader.On(database);

        await using (var import = SiteProcess.StartVerb(database, Settings, "import", "listings", listings))
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (await CountAsync(rows) < 3 * Batch)
            {
                Assert.False(import.HasExited, $"The import ended before it could be killed:\n{import.Output}");
                Assert.True(DateTime.UtcNow < deadline, $"The import did not get going:\n{import.Output}");
                await Task.Delay(20);
            }
            await import.KillAsync();
        }
        var atKill = await CountAsync(rows);
        output.WriteLine($"Killed with {atKill} of {Listings} listings written, after {watch.Elapsed.TotalSeconds:0.0} s.");
        Assert.InRange(atKill, 3 * Batch, Listings - 1);
        Assert.Equal(0, atKill % Batch);
        await AssertConsistentAsync(rows, atKill);

        await using (var again = SiteProcess.StartVerb(database, Settings, "import", "listings", listings))
        {
            Assert.True(await ExitedAsync(again) == 0, again.Output);
            Assert.Contains($"{Listings} prises ({Listings - atKill} créées, 0 mises à jour, {atKill} inchangées), 0 rejetées", again.Output);
        }
        await AssertConsistentAsync(rows, Listings);
        output.WriteLine($"Killed, run again and finished in {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    (string Organizations, string Listings) WriteFiles()
    {
        var organizations = Path.Combine(_folder, "organisations.jsonl");
        File.WriteAllLines(organizations, Enumerable.Range(0, Organizations).Select(i => JsonSerializer.Serialize(new
        {
            externalId = $"org-{i}", name = $"Recyclerie solidaire n° {i}", legalForm = "association", communeInsee = "59350",
        })));
        string[] titles = ["Prêt d'une tente de réception", "Scie sauteuse à prêter", "Cherche des panneaux d'exposition", "Vélo cargo disponible le samedi"];
        var listings = Path.Combine(_folder, "annonces.jsonl");
        File.WriteAllLines(listings, Enumerable.Range(0, Listings).Select(i => JsonSerializer.Serialize(new
        {
            externalId = $"lst-{i}", organizationExternalId = $"org-{i % Organizations}", kind = i % 3 == 0 ? "demand" : "offer",
            title = $"{titles[i % titles.Length]} ({i})", description = "À venir chercher sur place, entre structures du réseau.",
            category = i % 2 == 0 ? "equipment" : "mobility", exchangeModes = i % 2 == 0 ? new[] { "loan" } : ["loan", "service"],
            createdAt = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        })));
        return (organizations, listings);
    }

    static async Task<int> ExitedAsync(SiteProcess process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await process.WaitForExitAsync(timeout.Token);
    }

    static Task<int> CountAsync(DatabaseReader rows) => rows.WithAsync(db => db.Listings.CountAsync());

    /// <summary>As many listings as expected, once each, each with its exchange modes and its search entry; on SQLite, a sound file.</summary>
    static async Task AssertConsistentAsync(DatabaseReader rows, int expected)
    {
        await rows.WithAsync(async db =>
        {
            Assert.Equal(expected, await db.Listings.CountAsync());
            Assert.Equal(expected, await db.Listings.Select(l => l.ExternalId).Distinct().CountAsync());
            Assert.Equal(0, await db.Listings.CountAsync(l => !l.ExchangeModes.Any()));
            if (db.Database.IsSqlite())
            {
                Assert.Equal("ok", await ScalarAsync<string>(db, "PRAGMA integrity_check"));
                Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
                Assert.Equal(expected, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM listing_search_rows"));
                Assert.Equal(expected, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM listing_search"));
                await db.Database.ExecuteSqlRawAsync("INSERT INTO listing_search(listing_search) VALUES ('integrity-check')");
            }
            return true;
        });
    }

    static async Task<T> ScalarAsync<T>(ElBasarDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
