using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Import;
using ElBasar.Bench.Search;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ElBasar.Bench.Digest;

/// <summary>
/// <c>digest</c>: the monthly digest sent to many subscribers, on SQLite and PostgreSQL, in-process
/// with the web app's own services: the month's issue drafted and started (<see cref="Newsletters"/>:
/// composed by <see cref="DigestComposer"/> and frozen), then one pass of <see cref="NewsletterJob"/>
/// (every active subscriber enlisted, then a copy each queued into the outbox, batch by batch). Nothing
/// is sent. The process's memory is sampled during the run.
/// </summary>
static class DigestBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres;Password=postgres";

    /// <summary>The month the digest tells: the last whole month before the generator's "now" (2026-11-22).</summary>
    static readonly DateOnly Month = new(2026, 10, 1);

    sealed record MemorySample(double Seconds, double RssMb, double ManagedMb);

    sealed record Run(double Seconds, double ComposeSeconds, int Queued, long Expected, long InOutbox, int Listings, int Events, int CopyKb,
        double PauseSeconds, List<MemorySample> Memory, double AppReadMs, double EngineReadMs, int Read);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var subscribers = options.Integer("subscribers", fallback: tiny ? 2_000 : 100_000, min: 1);
        var listings = options.Integer("listings", fallback: tiny ? 300 : 2_000, min: 10);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var providers = (options.String("providers") ?? (tiny ? "sqlite" : "sqlite,postgresql"))
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        options.EnsureAllUsed();

        var tinyDirectory = tiny ? Directory.CreateTempSubdirectory("elbasar-bench-digest-") : null;
        if (tinyDirectory is not null) directory = tinyDirectory.FullName;
        try
        {
            var size = ImportBenchmark.SizeLabel(subscribers);
            var files = EnsureFiles(Path.Combine(directory, $"digest-{ImportBenchmark.SizeLabel(listings)}"), listings, seed);
            var line = new StringBuilder("digest");
            var allOk = true;
            foreach (var provider in providers)
            {
                if (provider is not ("sqlite" or "postgresql")) throw new CommandLineException($"--providers takes sqlite and postgresql, not '{provider}'.");
                var connection = provider == "sqlite"
                    ? $"Data Source={Path.Combine(directory, $"digest-{size}-bench.db")}"
                    : $"{postgres};Database=elbasar_bench_digest_{size}";
                await EnsureDatabaseAsync(provider, connection, files, listings, subscribers, seed);
                var run = await TimeAsync(provider, connection);
                Report(provider, size, run);
                var ok = run.Queued == run.Expected && run.InOutbox == run.Expected;
                allOk &= ok;
                line.Append(CultureInfo.InvariantCulture,
                    $" seconds_{provider}={run.Seconds:0.0} mails_{provider}={run.Queued} peak_rss_mb_{provider}={run.Memory.Max(m => m.RssMb):0} engine_read_ms_{provider}={run.EngineReadMs:0.0}");
            }
            Console.WriteLine();
            Console.WriteLine(line);
            return allOk ? 0 : 1;
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
    /// The generated listings (those of October 2026 fill the digest), a dozen events in November, and
    /// the subscribers: <paramref name="subscribers"/> active ones and a tenth more who never confirmed
    /// or left (they get nothing); a previous run's database is reused.
    /// </summary>
    static async Task EnsureDatabaseAsync(string provider, string connection, DataFiles files, long listings, long subscribers, ulong seed)
    {
        IBenchDatabase database = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
        if (await BenchTables.ScalarAsync(provider, database.ConnectionString, "SELECT COUNT(*) FROM newsletter_subscribers WHERE status = 'active'") == subscribers
            && await BenchTables.ScalarAsync(provider, database.ConnectionString, "SELECT COUNT(*) FROM listings") == listings)
        {
            Console.WriteLine($"reusing {provider} {database.Describe()} ({subscribers:N0} subscribers)");
            return;
        }
        if (!database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench'.");
        Console.WriteLine($"preparing {provider} {database.Describe()}: {listings:N0} listings, {subscribers:N0} subscribers");
        await database.ResetAsync();
        var watch = Stopwatch.StartNew();
        Guid home;
        await using (var app = await SearchBenchmark.StartAppAsync(provider, database.ConnectionString))
        {
            home = await app.Services.GetRequiredService<ElBasar.Web.Features.Directory.HomeNetwork>().IdAsync();
            foreach (var (what, file) in new[] { ("organizations", files.Organizations), ("listings", files.Listings) })
            {
                if (await ImportCommand.RunAsync(app.Services, [what, file], TextWriter.Null, Console.Error) != 0)
                    throw new InvalidOperationException($"import {what} {file} failed.");
            }
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var kinds = Enum.GetValues<EventKind>();
            var created = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < 12; i++)
            {
                var starts = new DateTime(2026, 11, 2 + 2 * i, 17, 30, 0, DateTimeKind.Utc);
                db.Add(new Event
                {
                    Title = $"Rencontre du réseau n° {i + 1}", Kind = kinds[i % kinds.Length], Description = "Un moment pour se rencontrer et échanger.",
                    StartsAt = starts, EndsAt = starts.AddHours(2), Place = "Maison des associations, Lille", Audience = EventAudience.Everyone, NetworkId = home,
                    CreatedAt = created, UpdatedAt = created,
                });
            }
            await db.SaveChangesAsync();
        }
        await BenchTables.WriteAsync(provider, database.ConnectionString, "newsletter_subscribers",
            ["id", "network_id", "email", "name", "status", "secret", "created_at", "confirmed_at", "unsubscribed_at"], Subscribers(home, subscribers, seed));
        await BenchTables.AnalyzeAsync(provider, database.ConnectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared in {watch.Elapsed.TotalSeconds:0} s"));
    }

    /// <summary>Subscribers of the public to the home network's digest over two years; every eleventh never confirmed or left.</summary>
    static IEnumerable<object?[]> Subscribers(Guid network, long active, ulong seed)
    {
        var rng = new Rng(seed, 43, 0);
        var since = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (long n = 0, made = 0; made < active; n++)
        {
            var created = since.AddMinutes(rng.Next(2 * 365 * 24 * 60));
            var secret = Convert.ToHexStringLower(BitConverter.GetBytes(rng.NextUInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(rng.NextUInt64()));
            var status = n % 11 == 10 ? (n % 2 == 0 ? "pending" : "unsubscribed") : "active";
            if (status == "active") made++;
            yield return [Guid.CreateVersion7(), network, $"abonne{n}@bench.example.org", rng.Next(3) == 0 ? null : $"Abonnée {n}", status, secret, created,
                status == "pending" ? null : created.AddHours(1), status == "unsubscribed" ? created.AddDays(30) : null];
        }
    }

    /// <summary>
    /// One sending of the month's issue, as a facilitator and the job make it: draft, "send now" (the
    /// digest composed and frozen), then the job's pass (enlist, queue every copy). The previous run's
    /// issue, deliveries and copies are removed first, untimed.
    /// </summary>
    static async Task<Run> TimeAsync(string provider, string connection)
    {
        await using var app = await SearchBenchmark.StartAppAsync(provider, connection);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync("DELETE FROM outbox_messages WHERE key LIKE 'newsletter:%'");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM newsletter_deliveries");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM newsletter_issues");
        }
        if (provider == "postgresql") await BenchTables.AnalyzeAsync(provider, connection);
        var options = app.Services.GetRequiredService<IOptions<NewsletterOptions>>().Value;
        var job = app.Services.GetRequiredService<NewsletterJob>();
        GC.Collect();

        var memory = new List<MemorySample>();
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                lock (memory) memory.Add(new MemorySample(watch.Elapsed.TotalSeconds, BenchTables.RssMb(), GC.GetTotalMemory(false) / 1048576.0));
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        int listings, events, copyKb;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var newsletters = scope.ServiceProvider.GetRequiredService<Newsletters>();
            var issue = await newsletters.DraftAsync(await newsletters.NetworkAsync(null, default) ?? throw new InvalidOperationException("No home network."), Month, default);
            await newsletters.ScheduleAsync(issue, null, default);
            var digest = await newsletters.ComposeAsync(issue, default);
            (listings, events) = (digest.Groups.Sum(g => g.Items.Count), digest.Events.Count);
            copyKb = (Encoding.UTF8.GetByteCount(issue.Html!) + Encoding.UTF8.GetByteCount(issue.Text!)) / 1024;
        }
        var composeSeconds = watch.Elapsed.TotalSeconds;
        var queued = await job.RunOnceAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        memory.Add(new MemorySample(seconds, BenchTables.RssMb(), GC.GetTotalMemory(false) / 1048576.0));

        long expected, inOutbox;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            expected = await db.Set<Subscriber>().LongCountAsync(s => s.Status == SubscriberStatus.Active);
            inOutbox = await db.Set<OutboxMessage>().LongCountAsync(m => m.Key!.StartsWith("newsletter:"));
        }
        var (appMs, engineMs, read) = await TimeSubscribersReadAsync(app.Services, provider, connection);
        // The job pauses between batches on SQLite only.
        var pause = provider == "sqlite" ? Math.Ceiling(expected / (double)options.BatchSize) * options.BatchPauseMilliseconds / 1000.0 : 0;
        return new Run(seconds, composeSeconds, queued, expected, inOutbox, listings, events, copyKb, pause, memory, appMs, engineMs, read);
    }

    /// <summary>
    /// The subscribers' read, the pass's largest: every active subscriber without a copy of the issue
    /// (for an issue that has none yet, so all of them), once through EF Core as the job writes it and
    /// once as SQL on a connection of its own; the best of three each.
    /// </summary>
    static async Task<(double AppMs, double EngineMs, int Read)> TimeSubscribersReadAsync(IServiceProvider services, string provider, string connection)
    {
        var issueId = Guid.CreateVersion7();
        var appMs = double.MaxValue;
        var read = 0;
        for (var i = 0; i < 3; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var deliveries = db.Set<NewsletterDelivery>();
            var watch = Stopwatch.StartNew();
            read = (await db.Set<Subscriber>().Where(s => s.Status == SubscriberStatus.Active && !deliveries.Any(d => d.IssueId == issueId && d.SubscriberId == s.Id))
                .Select(s => s.Id).ToListAsync()).Count;
            appMs = Math.Min(appMs, watch.Elapsed.TotalMilliseconds);
        }
        await using DbConnection direct = provider == "sqlite" ? new SqliteConnection(connection) : new NpgsqlConnection(connection);
        await direct.OpenAsync();
        var engineMs = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            await using var command = direct.CreateCommand();
            command.CommandText = "SELECT s.id FROM newsletter_subscribers AS s WHERE s.status = 'active' AND NOT EXISTS " +
                "(SELECT 1 FROM newsletter_deliveries AS d WHERE d.issue_id = @issue AND d.subscriber_id = s.id)";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "issue";
            parameter.Value = provider == "sqlite" ? BenchTables.Sqlite(issueId) : issueId;
            command.Parameters.Add(parameter);
            var watch = Stopwatch.StartNew();
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) { reader.GetValue(0); rows++; }
            engineMs = Math.Min(engineMs, watch.Elapsed.TotalMilliseconds);
            if (rows != read) throw new InvalidOperationException($"The direct SQL read {rows} subscribers, EF Core {read}.");
        }
        return (appMs, engineMs, read);
    }

    static void Report(string provider, string size, Run run)
    {
        double RssAt(double fraction) => run.Memory.MinBy(m => Math.Abs(m.Seconds - fraction * run.Seconds))!.RssMb;
        Console.WriteLine();
        Console.WriteLine($"digest {provider} {size} subscribers: the issue of {Month:yyyy-MM} ({run.Listings} listings, {run.Events} events, {run.CopyKb} KiB a copy)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total {run.Seconds:0.0} s (composed and frozen in {run.ComposeSeconds:0.00} s; of the rest {run.PauseSeconds:0.0} s are the job's pauses between batches); {run.Queued:N0} mails queued, {run.InOutbox:N0} in the outbox, {run.Expected:N0} active subscribers"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resident memory at 10 % / 50 % / 100 % of the run: {RssAt(0.1):0} / {RssAt(0.5):0} / {RssAt(1):0} MiB; peak {run.Memory.Max(m => m.RssMb):0} MiB resident, {run.Memory.Max(m => m.ManagedMb):0} MiB managed ({run.Memory.Count} samples)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"subscribers' read ({run.Read:N0} rows): {run.AppReadMs:0.0} ms through EF Core, {run.EngineReadMs:0.0} ms as SQL (engine), {run.AppReadMs / run.EngineReadMs:0.0}x"));
        if (run.Queued != run.Expected || run.InOutbox != run.Expected) Console.WriteLine($"  FAILED: {run.Expected:N0} subscribers, {run.Queued:N0} queued, {run.InOutbox:N0} in the outbox.");
    }
}
