using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Import;
using ElBasar.Web;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElBasar.Bench.Search;

/// <summary>
/// <c>search</c>: times <see cref="ListingSearch.SearchAsync"/> end to end (query parsing, the
/// analyser, the database, the ranking in C#) over the seeded <see cref="QueryMix"/>, in-process
/// with the web app's own services. One database as given, every size and database (<c>--all</c>,
/// generating and importing what is missing), or a tiny SQLite run for CI (<c>--tiny</c>).
/// </summary>
static class SearchBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny", "all", "list" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres";

    sealed record Sample(string Class, double Milliseconds, int Total);

    sealed record Run(string Provider, long Listings, List<Sample> Samples)
    {
        public string Size => SizeLabel(Listings);
        public double P95 => BenchTables.Percentile(Samples.Select(s => s.Milliseconds), 95);
    }

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var all = options.Flag("all");
        var list = options.Flag("list");
        var provider = options.String("provider")?.ToLowerInvariant();
        var connection = options.String("connection");
        var queries = (int)options.Integer("queries", fallback: tiny ? 27 : 450, min: 1);
        var warmup = (int)options.Integer("warmup", fallback: tiny ? 9 : 45);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var sizes = (options.String("sizes") ?? "100k,1m").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var providers = (options.String("providers") ?? "sqlite,postgresql").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var dump = options.String("dump");
        options.EnsureAllUsed();
        if (list)
        {
            foreach (var query in QueryMix.Build((queries + warmup + QueryMix.Classes.Count - 1) / QueryMix.Classes.Count, seed).Take(warmup + queries))
                Console.WriteLine($"{query.Class,-12} {query}");
            return 0;
        }
        if (new[] { tiny, all, provider is not null }.Count(b => b) != 1)
            throw new CommandLineException("search needs exactly one of: --provider P --connection CS, --all, --tiny.");

        var runs = new List<Run>();
        if (tiny)
        {
            runs.Add(await RunTinyAsync(queries, warmup, seed));
        }
        else if (all)
        {
            foreach (var size in sizes)
            {
                var listings = SizeOf(size);
                var files = EnsureFiles(Path.Combine(directory, $"search-{SizeLabel(listings)}"), listings, seed);
                foreach (var name in providers)
                {
                    var cs = CheckProvider(name) == "sqlite"
                        ? $"Data Source={Path.Combine(directory, $"search-{SizeLabel(listings)}-bench.db")}"
                        : $"{postgres};Database=elbasar_bench_{SizeLabel(listings)}";
                    await EnsureImportedAsync(name, cs, files, listings);
                    runs.Add(await RunOneAsync(name, cs, queries, warmup, seed));
                }
            }
        }
        else
        {
            runs.Add(await RunOneAsync(CheckProvider(provider!), connection ?? throw new CommandLineException("--provider needs --connection."),
                queries, warmup, seed, dump));
        }

        var line = new StringBuilder("search");
        foreach (var run in runs.OrderByDescending(r => r.Listings).ThenBy(r => r.Provider == "sqlite" ? 0 : 1))
            line.Append(CultureInfo.InvariantCulture, $" p95_ms_{run.Provider}_{run.Size}={run.P95:0.0}");
        Console.WriteLine();
        Console.WriteLine(line);
        return 0;
    }

    static string CheckProvider(string provider) => provider is "sqlite" or "postgresql"
        ? provider
        : throw new CommandLineException($"--provider must be sqlite or postgresql, not '{provider}'.");

    /// <summary>The web app's services on the given database, migrated and seeded as the verbs do it (no demo data).</summary>
    internal static async Task<WebApplication> StartAppAsync(string provider, string connection)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:ElBasar"] = connection,
            ["Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddElBasar();
        var app = builder.Build();
        await DatabaseStartup.RunAsync(app.Services, serving: false, CancellationToken.None);
        return app;
    }

    static async Task<Run> RunOneAsync(string provider, string connection, int queries, int warmup, ulong seed, string? dump = null)
    {
        await using var app = await StartAppAsync(provider, connection);
        var listings = await CountListingsAsync(app.Services);
        var mix = QueryMix.Build((queries + warmup + QueryMix.Classes.Count - 1) / QueryMix.Classes.Count, seed);
        Console.WriteLine();
        Console.WriteLine($"search {provider} {SizeLabel(listings)}: {listings:N0} listings, {queries} queries after {warmup} warm-up, seed {seed}");
        var samples = await TimeAsync(app.Services, mix, queries, warmup, dump);
        var run = new Run(provider, listings, samples);
        Report(run);
        return run;
    }

    static async Task<List<Sample>> TimeAsync(IServiceProvider services, IReadOnlyList<BenchQuery> mix, int queries, int warmup, string? dump)
    {
        var taxonomy = services.GetRequiredService<Taxonomy>();
        var territories = services.GetRequiredService<Territories>();
        var samples = new List<Sample>(queries);
        // --dump: each timed query with its total and the ids of its first page, to compare versions of the search.
        await using var results = dump is null ? null : new StreamWriter(dump);
        for (var i = 0; i < warmup + queries; i++)
        {
            var query = mix[i % mix.Count];
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var parsed = ListingQuery.Parse(query.Parameters, taxonomy, territories, out var errors);
            if (errors.Count > 0)
                throw new InvalidOperationException($"The mix made an invalid query ({query}): {string.Join("; ", errors.SelectMany(e => e.Value))}");
            var page = await scope.ServiceProvider.GetRequiredService<ListingSearch>().SearchAsync(parsed);
            watch.Stop();
            if (i < warmup) continue;
            samples.Add(new Sample(query.Class, watch.Elapsed.TotalMilliseconds, page.Total));
            if (results is not null)
                await results.WriteLineAsync($"{query.Class}\t{query}\t{page.Total}\t{string.Join(' ', page.Items.Select(item => item.ExternalId))}");
        }
        return samples;
    }

    static void Report(Run run)
    {
        var ci = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"class",-12} {"queries",8} {"p50 ms",9} {"p95 ms",9} {"max ms",9} {"mean total",11}");
        var rows = QueryMix.Classes.Select(c => (Name: c, Samples: run.Samples.Where(s => s.Class == c).ToList()))
            .Where(r => r.Samples.Count > 0)
            .Append(("all", run.Samples));
        foreach (var (name, samples) in rows)
        {
            var ms = samples.Select(s => s.Milliseconds).ToList();
            Console.WriteLine(string.Create(ci,
                $"{name,-12} {samples.Count,8} {BenchTables.Percentile(ms, 50),9:0.0} {BenchTables.Percentile(ms, 95),9:0.0} {ms.Max(),9:0.0} {samples.Average(s => s.Total),11:N0}"));
        }
    }


    static async Task<long> CountListingsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        return await db.Listings.LongCountAsync();
    }

    // CI: 300 listings in a throwaway SQLite file, a couple of queries per class. It proves the
    // generator, the import and every class of the mix still run; its timings mean little.
    static async Task<Run> RunTinyAsync(int queries, int warmup, ulong seed)
    {
        var directory = Directory.CreateTempSubdirectory("elbasar-bench-tiny-");
        try
        {
            var files = EnsureFiles(directory.FullName, 300, seed);
            var connection = $"Data Source={Path.Combine(directory.FullName, "tiny-bench.db")}";
            await EnsureImportedAsync("sqlite", connection, files, 300);
            var run = await RunOneAsync("sqlite", connection, queries, warmup, seed);
            SqliteConnection.ClearAllPools();
            return run;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    sealed record DataFiles(string Organizations, string Listings);

    /// <summary>The generated files for this size, made when missing (a fixed date, so the same seed gives the same files).</summary>
    static DataFiles EnsureFiles(string directory, long listings, ulong seed)
    {
        var files = new DataFiles(Path.Combine(directory, "organizations.jsonl"), Path.Combine(directory, "listings.jsonl"));
        if (File.Exists(files.Organizations) && File.Exists(files.Listings) && ImportBenchmark.CountLines(files.Listings) == listings)
            return files;
        var organizations = Math.Clamp(listings / 500, 20, 2000);
        GenerateCommand.Run(CommandLine.Parse(
            ["--organizations", $"{organizations}", "--listings", $"{listings}", "--out", directory, "--seed", $"{seed}", "--now", "2026-11-22T00:00:00Z"],
            GenerateCommand.Flags));
        return files;
    }

    /// <summary>Imports the files into a fresh database unless it already holds that many listings (a previous run's).</summary>
    static async Task EnsureImportedAsync(string provider, string connection, DataFiles files, long listings)
    {
        IBenchDatabase database = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
        if (await ExistingListingsAsync(provider, database.ConnectionString) == listings)
        {
            Console.WriteLine($"reusing {provider} {database.Describe()} ({listings:N0} listings)");
            return;
        }
        if (!database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench'.");
        Console.WriteLine($"importing {files.Listings} into {provider} {database.Describe()}");
        await database.ResetAsync();
        var watch = Stopwatch.StartNew();
        await using var app = await StartAppAsync(provider, database.ConnectionString);
        foreach (var (what, file) in new[] { ("organizations", files.Organizations), ("listings", files.Listings) })
        {
            if (await ImportCommand.RunAsync(app.Services, [what, file], Console.Out, Console.Error) != 0)
                throw new InvalidOperationException($"import {what} {file} failed.");
        }
        if (provider == "postgresql")
        {
            // What autovacuum does soon after a bulk import: statistics for the planner, and the
            // full-text index's pending list merged. Searches are measured in that steady state.
            var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 };
            await using var postgres = new NpgsqlConnection(builder.ConnectionString);
            await postgres.OpenAsync();
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", postgres);
            await vacuum.ExecuteNonQueryAsync();
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported in {watch.Elapsed.TotalSeconds:0} s"));
    }

    static async Task<long?> ExistingListingsAsync(string provider, string connection)
    {
        try
        {
            if (provider == "sqlite")
            {
                var builder = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                if (!File.Exists(builder.DataSource)) return null;
                await using var sqlite = new SqliteConnection(builder.ToString());
                await sqlite.OpenAsync();
                await using var command = new SqliteCommand("SELECT COUNT(*) FROM listings", sqlite);
                return (long)(await command.ExecuteScalarAsync())!;
            }
            var pg = new NpgsqlConnectionStringBuilder(connection) { Pooling = false };
            await using var postgres = new NpgsqlConnection(pg.ConnectionString);
            await postgres.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM listings", postgres);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return null;   // no database yet, or no listings table
        }
    }

    static long SizeOf(string size) => CommandLine.Parse(["--size", size], new HashSet<string>()).Integer("size", min: 1);

    // 100000 -> "100k", 1000000 -> "1m": the size in the metric's name, as in p95_ms_sqlite_100k.
    internal static string SizeLabel(long count) => ImportBenchmark.SizeLabel(count);
}
