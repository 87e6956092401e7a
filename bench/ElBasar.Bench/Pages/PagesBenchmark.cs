using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Import;
using ElBasar.Web;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ElBasar.Bench.Pages;

/// <summary>
/// <c>pages</c>: the server time of the three pages people open most (home, a listing, an
/// organisation), through the whole ASP.NET Core pipeline in-process (no network), with the time
/// the database spent on the same requests beside it: every SQL command the page ran through EF Core,
/// from sending it to its first row (the search's own ADO.NET commands, behind the home page's
/// counts, are not seen).
/// </summary>
static class PagesBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    static readonly string[] Pages = ["home", "listing", "organization"];

    sealed record Sample(string Page, double Milliseconds, double DatabaseMilliseconds, int Commands);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var provider = (options.String("provider") ?? "sqlite").ToLowerInvariant();
        var connection = options.String("connection")
            ?? (tiny && provider == "sqlite" ? $"Data Source={Path.Combine(Path.GetTempPath(), "elbasar-bench", "pages-tiny-bench.db")}" : null)
            ?? throw new CommandLineException("Option --connection is required (a database already filled, e.g. by search --all).");
        var probes = (int)options.Integer("probes", fallback: tiny ? 30 : 300, min: 3);
        var warmup = (int)options.Integer("warmup", fallback: tiny ? 9 : 30);
        options.EnsureAllUsed();
        if (provider is not ("sqlite" or "postgresql"))
            throw new CommandLineException($"--provider must be sqlite or postgresql, not '{provider}'.");

        IBenchDatabase? throwaway = null;
        if (tiny)
        {
            throwaway = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
            if (!throwaway.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
                throw new CommandLineException($"--tiny wipes the database: its name must contain 'bench' ({throwaway.Name}).");
            await throwaway.ResetAsync();
            connection = throwaway.ConnectionString;
        }
        try
        {
            var clock = new CommandClock();
            await using var app = await StartAsync(provider, connection, seedDemo: tiny, clock);
            var client = app.GetTestClient();
            var (listings, organizations) = await PickAsync(app.Services);
            Console.WriteLine($"pages {provider}: {probes} probes of each page after {warmup} warm-up, {listings.Count} listings and {organizations.Count} organisations drawn at random");

            var samples = new List<Sample>();
            for (var i = 0; i < warmup + probes; i++)
            {
                foreach (var page in Pages)
                {
                    var path = page switch
                    {
                        "home" => "/",
                        "listing" => $"/annonces/{listings[i % listings.Count]}",
                        _ => $"/structures/{organizations[i % organizations.Count]}",
                    };
                    clock.Reset();
                    var watch = Stopwatch.StartNew();
                    using var response = await client.GetAsync(path);
                    await response.Content.LoadIntoBufferAsync();
                    watch.Stop();
                    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
                    if (i >= warmup) samples.Add(new Sample(page, watch.Elapsed.TotalMilliseconds, clock.Milliseconds, clock.Commands));
                }
            }

            var ci = CultureInfo.InvariantCulture;
            Console.WriteLine($"{"page",-13} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"db p50",8} {"db p95",8} {"commands",9} {"p95/db p95",11}");
            var line = new StringBuilder("pages");
            foreach (var page in Pages)
            {
                var rows = samples.Where(s => s.Page == page).ToList();
                var p95 = BenchTables.Percentile(rows.Select(r => r.Milliseconds), 95);
                var dbP95 = BenchTables.Percentile(rows.Select(r => r.DatabaseMilliseconds), 95);
                Console.WriteLine(string.Create(ci,
                    $"{page,-13} {BenchTables.Percentile(rows.Select(r => r.Milliseconds), 50),8:0.0} {p95,8:0.0} {rows.Max(r => r.Milliseconds),8:0.0} {BenchTables.Percentile(rows.Select(r => r.DatabaseMilliseconds), 50),8:0.0} {dbP95,8:0.0} {rows.Average(r => r.Commands),9:0.0} {p95 / Math.Max(dbP95, 0.001),11:0.0}"));
                line.Append(ci, $" p95_ms_{page}_{provider}={p95:0.0} db_p95_ms_{page}_{provider}={dbP95:0.0}");
            }
            Console.WriteLine();
            Console.WriteLine(line);
            return 0;
        }
        finally
        {
            if (throwaway is not null) await throwaway.DropAsync();
        }
    }

    /// <summary>The whole site in-process on a test server, its background workers off, as the tests run it.</summary>
    static async Task<WebApplication> StartAsync(string provider, string connection, bool seedDemo, CommandClock clock)
    {
        // The web app's name, so that its pages and its static files' manifest are found beside this program.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(ElBasarApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:ElBasar"] = connection,
            ["Demo:Seed"] = seedDemo ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Email:DispatcherEnabled"] = "false",
            ["Alerts:WorkerEnabled"] = "false",
            ["Membership:WorkerEnabled"] = "false",
            ["Events:RemindersEnabled"] = "false",
            ["Newsletter:WorkerEnabled"] = "false",
            ["Listings:ExpiryRemindersEnabled"] = "false",
            ["Lending:RemindersEnabled"] = "false",
            ["Federation:WorkerEnabled"] = "false",
        });
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IInterceptor>(clock);
        builder.AddElBasar();
        var app = builder.Build();
        app.UseElBasar();
        await app.StartAsync();
        return app;
    }

    /// <summary>Published listings and active organisations at random, the busy ones as likely as the others.</summary>
    static async Task<(List<Guid> Listings, List<Guid> Organizations)> PickAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var listings = await db.Database.SqlQueryRaw<Guid>(
            "SELECT id AS \"Value\" FROM listings WHERE status = 'published' AND visibility = 'everyone' ORDER BY random() LIMIT 200").ToListAsync();
        var organizations = await db.Database.SqlQueryRaw<Guid>(
            "SELECT id AS \"Value\" FROM organizations WHERE status = 'active' ORDER BY random() LIMIT 200").ToListAsync();
        if (listings.Count == 0 || organizations.Count == 0) throw new InvalidOperationException("The database holds no published listing or no active organisation.");
        return (listings, organizations);
    }


    /// <summary>Adds up the time of every SQL command of the current request (one request at a time).</summary>
    sealed class CommandClock : DbCommandInterceptor
    {
        long _ticks;
        int _commands;

        public double Milliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds;
        public int Commands => _commands;

        public void Reset() => (_ticks, _commands) = (0, 0);

        void Add(CommandExecutedEventData data)
        {
            Interlocked.Add(ref _ticks, data.Duration.Ticks);
            Interlocked.Increment(ref _commands);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Add(eventData);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Add(eventData);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Add(eventData);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Add(eventData);
            return ValueTask.FromResult(result);
        }
    }
}
