using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Import;
using ElBasar.Bench.Search;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Alerts;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElBasar.Bench.Alerts;

/// <summary>
/// <c>alerts</c>: times matching one new listing against many saved searches, as the alert worker
/// does it (<see cref="AlertMatcher"/>: load the listing's facts, probe the alert index, check the
/// candidates in full), on SQLite and PostgreSQL, in-process with the web app's own services.
/// </summary>
static class AlertsBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres";
    const int InsertBatch = 2_000;

    sealed record Sample(double Milliseconds, int Matches);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var searches = options.Integer("searches", fallback: tiny ? 2_000 : 100_000, min: 1);
        var listings = options.Integer("listings", fallback: tiny ? 300 : 2_000, min: 10);
        var probes = (int)options.Integer("probes", fallback: tiny ? 30 : 300, min: 1);
        var warmup = (int)options.Integer("warmup", fallback: tiny ? 10 : 30);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var providers = (options.String("providers") ?? (tiny ? "sqlite" : "sqlite,postgresql"))
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        options.EnsureAllUsed();

        var tinyDirectory = tiny ? Directory.CreateTempSubdirectory("elbasar-bench-alerts-") : null;
        if (tinyDirectory is not null) directory = tinyDirectory.FullName;
        try
        {
            var size = ImportBenchmark.SizeLabel(searches);
            var files = EnsureFiles(Path.Combine(directory, $"alerts-{ImportBenchmark.SizeLabel(listings)}"), listings, seed);
            var line = new StringBuilder("alerts");
            foreach (var provider in providers)
            {
                if (provider is not ("sqlite" or "postgresql")) throw new CommandLineException($"--providers takes sqlite and postgresql, not '{provider}'.");
                var connection = provider == "sqlite"
                    ? $"Data Source={Path.Combine(directory, $"alerts-{size}-bench.db")}"
                    : $"{postgres};Database=elbasar_bench_alerts_{size}";
                await EnsureDatabaseAsync(provider, connection, files, listings, searches, seed);
                var samples = await TimeAsync(provider, connection, probes, warmup, seed);
                Report(provider, size, samples);
                line.Append(CultureInfo.InvariantCulture, $" p95_ms_{provider}_{size}={BenchTables.Percentile(samples.Select(s => s.Milliseconds), 95):0.0}");
            }
            Console.WriteLine();
            Console.WriteLine(line);
            return 0;
        }
        finally
        {
            if (tinyDirectory is not null)
            {
                SqliteConnection.ClearAllPools();
                tinyDirectory.Delete(recursive: true);
            }
        }
    }

    sealed record DataFiles(string Organizations, string Listings);

    static DataFiles EnsureFiles(string directory, long listings, ulong seed)
    {
        var files = new DataFiles(Path.Combine(directory, "organizations.jsonl"), Path.Combine(directory, "listings.jsonl"));
        if (File.Exists(files.Organizations) && File.Exists(files.Listings) && ImportBenchmark.CountLines(files.Listings) == listings) return files;
        GenerateCommand.Run(CommandLine.Parse(
            ["--organizations", $"{Math.Clamp(listings / 50, 20, 2000)}", "--listings", $"{listings}", "--out", directory, "--seed", $"{seed}", "--now", "2026-11-22T00:00:00Z"],
            GenerateCommand.Flags));
        return files;
    }

    /// <summary>
    /// A database holding the generated listings (their words make the vocabulary that typo
    /// correction and the choice of keys read) and the saved searches; a previous run's is reused.
    /// </summary>
    static async Task EnsureDatabaseAsync(string provider, string connection, DataFiles files, long listings, long searches, ulong seed)
    {
        IBenchDatabase database = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
        if (await CountAsync(provider, database.ConnectionString, "saved_searches") == searches
            && await CountAsync(provider, database.ConnectionString, "listings") == listings)
        {
            Console.WriteLine($"reusing {provider} {database.Describe()} ({searches:N0} saved searches)");
            return;
        }
        if (!database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench'.");
        Console.WriteLine($"preparing {provider} {database.Describe()}: {listings:N0} listings, {searches:N0} saved searches");
        await database.ResetAsync();
        var watch = Stopwatch.StartNew();
        await using var app = await SearchBenchmark.StartAppAsync(provider, database.ConnectionString);
        foreach (var (what, file) in new[] { ("organizations", files.Organizations), ("listings", files.Listings) })
        {
            if (await ImportCommand.RunAsync(app.Services, [what, file], TextWriter.Null, Console.Error) != 0)
                throw new InvalidOperationException($"import {what} {file} failed.");
        }
        await CreateSearchesAsync(app.Services, searches, seed);
        if (provider == "postgresql")
        {
            var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 };
            await using var pg = new NpgsqlConnection(builder.ConnectionString);
            await pg.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", pg);
            await vacuum.ExecuteNonQueryAsync();
        }
        else
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ElBasarDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared in {watch.Elapsed.TotalSeconds:0} s"));
    }

    /// <summary>
    /// Saved searches drawn from the search benchmark's mix (the generator's words: common and rare
    /// nouns, several words, typos, synonyms, filters, a 20 km radius, filters without words, needs
    /// written as sentences), many people saving the same popular searches; one person per ten searches.
    /// </summary>
    static async Task CreateSearchesAsync(IServiceProvider services, long count, ulong seed)
    {
        var mix = QueryMix.Build(300, seed);
        var rng = new Rng(seed, 23, 0);
        var taxonomy = services.GetRequiredService<Taxonomy>();
        var territories = services.GetRequiredService<Territories>();
        var users = new List<Guid>();
        var home = await services.GetRequiredService<ElBasar.Web.Features.Directory.HomeNetwork>().IdAsync();
        var frequencies = new[] { AlertFrequency.Instant, AlertFrequency.Daily, AlertFrequency.Daily, AlertFrequency.Weekly };
        for (long done = 0; done < count;)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var saved = scope.ServiceProvider.GetRequiredService<SavedSearches>();
            var batch = (int)Math.Min(InsertBatch, count - done);
            for (var i = 0; i < batch; i++, done++)
            {
                if (done % 10 == 0)
                {
                    var user = new User
                    {
                        DisplayName = $"Personne {done / 10}", UserName = $"alerte{done / 10}@bench.example.org",
                        NormalizedUserName = $"ALERTE{done / 10}@BENCH.EXAMPLE.ORG", Email = $"alerte{done / 10}@bench.example.org",
                        NormalizedEmail = $"ALERTE{done / 10}@BENCH.EXAMPLE.ORG", EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
                    };
                    db.Add(user);
                    users.Add(user.Id);
                }
                // Popular searches are saved by many: the head of the mix more often than its tail.
                var query = mix[(int)(mix.Count * Math.Pow(rng.NextDouble(), 1.5))];
                var parsed = ListingQuery.Parse(query.Parameters, taxonomy, territories, out var errors);
                if (errors.Count > 0) throw new InvalidOperationException($"The mix made an invalid query ({query}).");
                var search = await saved.BuildAsync(users[^1], home, query.Parameters.Q is { Length: > 0 } q ? q[..Math.Min(q.Length, 100)] : "Sans mots",
                    parsed, frequencies[rng.Next(frequencies.Length)], default);
                db.Add(search);
                db.AddRange(await saved.KeysAsync(search, default));
            }
            await db.SaveChangesAsync();
            if (done % 20_000 == 0 || done == count) Console.WriteLine($"  {done:N0} saved searches");
        }
    }

    /// <summary>Each probe is one listing matched as the worker matches it: its facts read, the index probed, the candidates checked.</summary>
    static async Task<List<Sample>> TimeAsync(string provider, string connection, int probes, int warmup, ulong seed)
    {
        await using var app = await SearchBenchmark.StartAppAsync(provider, connection);
        List<Guid> ids;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            ids = await db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Published && l.ExpiresAt == null)
                .OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        }
        var rng = new Rng(seed, 29, 0);
        var samples = new List<Sample>(probes);
        var now = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < warmup + probes; i++)
        {
            var id = ids[rng.Next(ids.Count)];
            var watch = Stopwatch.StartNew();
            await using var scope = app.Services.CreateAsyncScope();
            var matcher = scope.ServiceProvider.GetRequiredService<AlertMatcher>();
            var matches = 0;
            foreach (var listing in await matcher.LiveListingsAsync([id], now, default))
                matches += (await matcher.FindAsync(listing, default)).Count;
            watch.Stop();
            if (i >= warmup) samples.Add(new Sample(watch.Elapsed.TotalMilliseconds, matches));
        }
        return samples;
    }

    static void Report(string provider, string size, List<Sample> samples)
    {
        var ms = samples.Select(s => s.Milliseconds).ToList();
        Console.WriteLine();
        Console.WriteLine($"alerts {provider} {size} saved searches: {samples.Count} listings matched");
        Console.WriteLine($"{"p50 ms",9} {"p95 ms",9} {"max ms",9} {"mean matches",13}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{BenchTables.Percentile(ms, 50),9:0.0} {BenchTables.Percentile(ms, 95),9:0.0} {ms.Max(),9:0.0} {samples.Average(s => s.Matches),13:0.0}"));
    }


    static async Task<long?> CountAsync(string provider, string connection, string table)
    {
        try
        {
            if (provider == "sqlite")
            {
                var builder = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                if (!File.Exists(builder.DataSource)) return null;
                await using var sqlite = new SqliteConnection(builder.ToString());
                await sqlite.OpenAsync();
                await using var command = new SqliteCommand($"SELECT COUNT(*) FROM {table}", sqlite);
                return (long)(await command.ExecuteScalarAsync())!;
            }
            var pg = new NpgsqlConnectionStringBuilder(connection) { Pooling = false };
            await using var postgres = new NpgsqlConnection(pg.ConnectionString);
            await postgres.OpenAsync();
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", postgres);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return null;
        }
    }
}
