using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Import;
using ElBasar.Bench.Search;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace ElBasar.Bench.Impact;

/// <summary>
/// <c>impact</c>: times the impact dashboard (<see cref="ImpactReport"/>: the figures and series of a
/// period, then the heaviest links for the graph and the map) over many exchanges, on SQLite and
/// PostgreSQL, in-process with the web app's own services. Exchanges are written straight into the
/// table (SQLite: one prepared statement in a transaction; PostgreSQL: binary COPY) with the columns
/// the ledger would compute, over three years, between the generated organisations, most of them
/// confirmed; the databases are prepared once and reused.
/// </summary>
static class ImpactBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres;Password=postgres";
    static readonly DateOnly FirstDay = new(2024, 1, 1), LastDay = new(2026, 11, 21);

    sealed record Sample(string Period, double FiguresMs, double DashboardMs, double AfterChangeMs, int Exchanges);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var exchanges = options.Integer("exchanges", fallback: tiny ? 5_000 : 1_000_000, min: 10);
        var organizations = (int)options.Integer("organizations", fallback: tiny ? 60 : 2_000, min: 10);
        var probes = (int)options.Integer("probes", fallback: tiny ? 8 : 20, min: 1);
        var warmup = (int)options.Integer("warmup", fallback: tiny ? 2 : 3);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var providers = (options.String("providers") ?? (tiny ? "sqlite" : "sqlite,postgresql"))
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        options.EnsureAllUsed();

        var tinyDirectory = tiny ? Directory.CreateTempSubdirectory("elbasar-bench-impact-") : null;
        if (tinyDirectory is not null) directory = tinyDirectory.FullName;
        try
        {
            var size = ImportBenchmark.SizeLabel(exchanges);
            var files = EnsureFiles(Path.Combine(directory, $"impact-organizations-{organizations}"), organizations, seed);
            var line = new StringBuilder("impact");
            foreach (var provider in providers)
            {
                if (provider is not ("sqlite" or "postgresql")) throw new CommandLineException($"--providers takes sqlite and postgresql, not '{provider}'.");
                var connection = provider == "sqlite"
                    ? $"Data Source={Path.Combine(directory, $"impact-{size}-bench.db")}"
                    : $"{postgres};Database=elbasar_bench_impact_{size}";
                await EnsureDatabaseAsync(provider, connection, files, exchanges, seed);
                var samples = await TimeAsync(provider, connection, probes, warmup);
                Report(provider, size, samples);
                line.Append(CultureInfo.InvariantCulture, $" p95_ms_{provider}_{size}={BenchTables.Percentile(samples.Select(s => s.DashboardMs), 95):0.0}");
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

    static string EnsureFiles(string directory, int organizations, ulong seed)
    {
        var file = Path.Combine(directory, "organizations.jsonl");
        if (File.Exists(file) && ImportBenchmark.CountLines(file) == organizations) return file;
        GenerateCommand.Run(CommandLine.Parse(
            ["--organizations", $"{organizations}", "--listings", "10", "--out", directory, "--seed", $"{seed}", "--now", "2026-11-22T00:00:00Z"],
            GenerateCommand.Flags));
        return file;
    }

    static async Task EnsureDatabaseAsync(string provider, string connection, string organizationsFile, long count, ulong seed)
    {
        IBenchDatabase database = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
        if (await CountAsync(provider, database.ConnectionString) == count)
        {
            Console.WriteLine($"reusing {provider} {database.Describe()} ({count:N0} exchanges)");
            return;
        }
        if (!database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench'.");
        Console.WriteLine($"preparing {provider} {database.Describe()}: {count:N0} exchanges");
        await database.ResetAsync();
        var watch = Stopwatch.StartNew();
        await using var app = await SearchBenchmark.StartAppAsync(provider, database.ConnectionString);
        if (await ImportCommand.RunAsync(app.Services, ["organizations", organizationsFile], TextWriter.Null, Console.Error) != 0)
            throw new InvalidOperationException($"import organizations {organizationsFile} failed.");
        List<Party> parties;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var territories = scope.ServiceProvider.GetRequiredService<Territories>();
            var rows = await db.Set<ElBasar.Web.Features.Directory.Organization>().AsNoTracking()
                .Select(o => new { o.Id, o.CommuneInsee, o.LegalForm, o.Latitude, o.Longitude }).OrderBy(o => o.Id).ToListAsync();
            var rollups = scope.ServiceProvider.GetRequiredService<ImpactRollups>();
            parties = [];
            foreach (var o in rows)
            {
                var commune = o.CommuneInsee is { } c ? territories.FindCommune(c) : null;
                parties.Add(new Party(o.Id, await rollups.NumberOfAsync(o.Id, default), commune?.DepartementCode, commune?.EpciCode, o.LegalForm, o.Latitude, o.Longitude));
            }
        }
        var taxonomy = app.Services.GetRequiredService<Taxonomy>();
        var rows2 = Generate(parties, taxonomy, count, seed);
        if (provider == "sqlite") await WriteSqliteAsync(database.ConnectionString, rows2);
        else await WritePostgresAsync(database.ConnectionString, rows2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count:N0} exchanges written in {watch.Elapsed.TotalSeconds:0} s"));

        // The pair's first confirmed exchange, as ExchangeLedger marks it on confirmation.
        const string firstOfPair = """
            UPDATE exchanges SET first_of_pair = TRUE WHERE id IN (
                SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY pair_low_id, pair_high_id ORDER BY date, created_at) AS n
                                FROM exchanges WHERE status = 'confirmed') AS ranked
                WHERE n = 1)
            """;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync(firstOfPair);
            await db.Database.ExecuteSqlRawAsync(provider == "sqlite" ? "ANALYZE" : "VACUUM ANALYZE exchanges");
            await scope.ServiceProvider.GetRequiredService<ImpactRollups>().RefreshAsync(default);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared in {watch.Elapsed.TotalSeconds:0} s"));
    }

    sealed record Party(Guid Id, int Number, string? Departement, string? Epci, string? LegalForm, double? Latitude, double? Longitude);

    sealed record Row(
        Guid Id, Party From, Party To, string Mode, bool Market, string Category, DateOnly Date, long? AmountCents, long? ValueCents,
        int? Minutes, int? Days, string Status, DateTime CreatedAt, double? DistanceKm);

    /// <summary>
    /// Exchanges between the organisations: each organisation has a few usual partners (so pairs repeat, as
    /// in a real network), dates spread over three years, 85 % confirmed, 10 % declared, 5 % disputed.
    /// </summary>
    static IEnumerable<Row> Generate(List<Party> parties, Taxonomy taxonomy, long count, ulong seed)
    {
        var rng = new Rng(seed, 31, 0);
        var modes = taxonomy.ExchangeModes;
        var categories = taxonomy.Categories;
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;
        for (long i = 0; i < count; i++)
        {
            // A skewed choice: some organisations exchange far more than others.
            var aIndex = (int)(parties.Count * Math.Pow(rng.NextDouble(), 2));
            var a = parties[aIndex];
            var partnerIndex = rng.Next(10) < 7
                ? (aIndex + 1 + rng.Next(8)) % parties.Count   // one of its usual partners
                : rng.Next(parties.Count);
            var b = parties[partnerIndex];
            if (b.Id == a.Id) b = parties[(partnerIndex + 1) % parties.Count];
            var mode = modes[rng.Next(modes.Count)];
            var date = DateOnly.FromDayNumber(FirstDay.DayNumber + rng.Next(days));
            var roll = rng.Next(100);
            var status = roll < 85 ? "confirmed" : roll < 95 ? "declared" : "disputed";
            double? distance = a.Latitude is { } la && a.Longitude is { } lo && b.Latitude is { } lb && b.Longitude is { } lob
                ? Math.Round(new GeoPoint(la, lo).DistanceKmTo(new GeoPoint(lb, lob)), 2) : null;
            yield return new Row(Guid.CreateVersion7(), a, b, mode.Slug, mode.Market, categories[rng.Next(categories.Count)].Slug, date,
                mode.Market ? 500 + rng.Next(200_000) : null, !mode.Market && rng.Next(2) == 0 ? 1000 + rng.Next(50_000) : null,
                !mode.Market && mode.Slug != "loan" ? 30 * (1 + rng.Next(16)) : null, mode.Slug == "loan" ? 1 + rng.Next(14) : null,
                status, date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), distance);
        }
    }

    static readonly string[] Columns =
    [
        "id", "from_organization_id", "to_organization_id", "pair_low_id", "pair_high_id", "pair_key", "description", "mode", "market", "category", "date", "month",
        "amount_cents", "estimated_value_cents", "minutes", "days", "status", "confirmed_at", "confirmed_by_facilitator", "first_of_pair",
        "from_departement", "to_departement", "from_epci", "to_epci", "from_legal_form", "to_legal_form", "distance_km", "created_at", "updated_at",
    ];

    static object?[] Values(Row r)
    {
        var (low, high) = r.From.Id.CompareTo(r.To.Id) < 0 ? (r.From, r.To) : (r.To, r.From);
        return
        [
            r.Id, r.From.Id, r.To.Id, low.Id, high.Id, ExchangeParty.PairKey(low.Number, high.Number), $"Échange {r.Mode} généré", r.Mode, r.Market, r.Category, r.Date, r.Date.Year * 100 + r.Date.Month,
            r.AmountCents, r.ValueCents, r.Minutes, r.Days, r.Status, r.Status == "confirmed" ? r.CreatedAt.AddDays(2) : null, false, false,
            r.From.Departement, r.To.Departement, r.From.Epci, r.To.Epci, r.From.LegalForm, r.To.LegalForm, r.DistanceKm, r.CreatedAt, r.CreatedAt,
        ];
    }

    static async Task WriteSqliteAsync(string connectionString, IEnumerable<Row> rows)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO exchanges ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
        var parameters = Columns.Select((_, i) => command.Parameters.Add($"$p{i}", SqliteType.Text)).ToArray();
        var n = 0;
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var i = 0; i < values.Length; i++)
            {
                // As EF Core writes them on SQLite: upper-case GUID text, ISO dates, 0/1 booleans.
                parameters[i].SqliteType = values[i] is long or int or bool ? SqliteType.Integer : values[i] is double ? SqliteType.Real : SqliteType.Text;
                parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            }
            await command.ExecuteNonQueryAsync();
            if (++n % 200_000 == 0) Console.WriteLine($"  {n:N0} exchanges");
        }
        await transaction.CommitAsync();
    }

    static async Task WritePostgresAsync(string connectionString, IEnumerable<Row> rows)
    {
        // The indexes are built as the COPY completes: no time limit.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY exchanges ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)");
        writer.Timeout = TimeSpan.FromHours(1);
        var n = 0;
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in Values(row))
            {
                switch (value)
                {
                    case null: await writer.WriteNullAsync(); break;
                    case Guid g: await writer.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case string s: await writer.WriteAsync(s, NpgsqlDbType.Varchar); break;
                    case bool b: await writer.WriteAsync(b, NpgsqlDbType.Boolean); break;
                    case int i: await writer.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case long l: await writer.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case double d: await writer.WriteAsync(d, NpgsqlDbType.Double); break;
                    case DateOnly d: await writer.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTime t: await writer.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    default: throw new InvalidOperationException($"No COPY type for {value.GetType()}.");
                }
            }
            if (++n % 200_000 == 0) Console.WriteLine($"  {n:N0} exchanges");
        }
        await writer.CompleteAsync();
    }

    /// <summary>Each probe is the dashboard of one period: the figures (the API's answer), then the links of the graph and the map.</summary>
    static async Task<List<Sample>> TimeAsync(string provider, string connection, int probes, int warmup)
    {
        await using var app = await SearchBenchmark.StartAppAsync(provider, connection);
        var periods = new (string Name, ImpactPeriod Period)[]
        {
            ("year 2025", new(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31))),
            ("last 12 months", new(new DateOnly(2025, 11, 22), new DateOnly(2026, 11, 21))),
            ("quarter", new(new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30))),
            ("everything", new(FirstDay, LastDay)),
        };
        var samples = new List<Sample>(probes);
        for (var i = 0; i < warmup + probes; i++)
        {
            var (name, period) = periods[i % periods.Length];
            var (figures, figuresMs, dashboardMs) = await DashboardAsync(app.Services, period);
            // A confirmed exchange of the period's last month changes (as when someone confirms one): the dashboard sums that month up again.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
                var month = period.To.Year * 100 + period.To.Month;
                var id = await db.Exchanges.Where(e => e.Status == ExchangeStatus.Confirmed && e.Month == month).Select(e => e.Id).FirstAsync();
                await db.Exchanges.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.UpdatedAt, DateTime.UtcNow));
            }
            var (_, _, afterChangeMs) = await DashboardAsync(app.Services, period);
            if (i >= warmup) samples.Add(new Sample(name, figuresMs, dashboardMs, afterChangeMs, figures.Exchanges));
        }
        return samples;
    }

    static async Task<(ImpactFigures Figures, double FiguresMs, double DashboardMs)> DashboardAsync(IServiceProvider services, ImpactPeriod period)
    {
        await using var scope = services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<ImpactReport>();
        var watch = Stopwatch.StartNew();
        var figures = await report.ComputeAsync(period, ImpactScope.Installation, default);
        var figuresMs = watch.Elapsed.TotalMilliseconds;
        var links = await report.LinksAsync(period, ImpactScope.Installation, 150, default);
        watch.Stop();
        if (links.Count == 0 && figures.Exchanges > 0) throw new InvalidOperationException("The links found no organisation: the generated ids do not match.");
        return (figures, figuresMs, watch.Elapsed.TotalMilliseconds);
    }

    static void Report(string provider, string size, List<Sample> samples)
    {
        Console.WriteLine();
        Console.WriteLine($"impact {provider} {size} exchanges: {samples.Count} dashboards (figures + graph links)");
        Console.WriteLine($"{"period",-16} {"exchanges",10} {"figures p50",12} {"dashboard p50",14} {"dashboard max",14} {"after a change p50",19}");
        foreach (var group in samples.GroupBy(s => s.Period))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{group.Key,-16} {group.First().Exchanges,10:N0} {BenchTables.Percentile(group.Select(s => s.FiguresMs), 50),12:0.0} {BenchTables.Percentile(group.Select(s => s.DashboardMs), 50),14:0.0} {group.Max(s => s.DashboardMs),14:0.0} {BenchTables.Percentile(group.Select(s => s.AfterChangeMs), 50),19:0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all periods: figures p50 {BenchTables.Percentile(samples.Select(s => s.FiguresMs), 50):0.0} ms, p95 {BenchTables.Percentile(samples.Select(s => s.FiguresMs), 95):0.0} ms; dashboard p50 {BenchTables.Percentile(samples.Select(s => s.DashboardMs), 50):0.0} ms, p95 {BenchTables.Percentile(samples.Select(s => s.DashboardMs), 95):0.0} ms; after a change p95 {BenchTables.Percentile(samples.Select(s => s.AfterChangeMs), 95):0.0} ms"));
    }


    static async Task<long?> CountAsync(string provider, string connection)
    {
        try
        {
            if (provider == "sqlite")
            {
                var builder = new SqliteConnectionStringBuilder(connection) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
                if (!File.Exists(builder.DataSource)) return null;
                await using var sqlite = new SqliteConnection(builder.ToString());
                await sqlite.OpenAsync();
                await using var command = new SqliteCommand("SELECT COUNT(*) FROM exchanges", sqlite);
                return (long)(await command.ExecuteScalarAsync())!;
            }
            var pg = new NpgsqlConnectionStringBuilder(connection) { Pooling = false };
            await using var postgres = new NpgsqlConnection(pg.ConnectionString);
            await postgres.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM exchanges", postgres);
            return (long)(await count.ExecuteScalarAsync())!;
        }
        catch (Exception e) when (e is SqliteException or PostgresException)
        {
            return null;
        }
    }
}
