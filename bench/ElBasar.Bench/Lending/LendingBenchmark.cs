using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ElBasar.Bench.Generate;
using ElBasar.Bench.Import;
using ElBasar.Bench.Search;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Import;
using ElBasar.Web.Features.Lending;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ElBasar.Bench.Lending;

/// <summary>
/// <c>lending</c>: lending at national scale, on SQLite and PostgreSQL, in-process with the web app's
/// own services. (A) An item's month calendar as its page computes it (<see cref="LendingQueries.MonthAsync"/>
/// after reading the item), beside the same SQL run directly on a connection: the engine's time.
/// (B) Many borrowers reserving the same item on overlapping days at once through <see cref="LoanDesk.ReserveAsync"/>,
/// the API's and the page's code: never more units a day than the item has, every success kept,
/// every refusal a plain "not available".
/// </summary>
static class LendingBenchmark
{
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "tiny" };

    const string DefaultPostgres = "Host=127.0.0.1;Port=55433;Username=postgres;Password=postgres";

    /// <summary>The contention runs book this far ahead, past the generated reservations (which end six months ahead).</summary>
    const int ContentionStart = 300, ContentionSpan = 24;

    sealed record Probe(double AppMs, double EngineMs, int Held);

    sealed record Contention(int Borrowers, int Requests, int Successes, int Refusals, List<string> Failures, List<double> Milliseconds, int Quantity, int BusiestDay);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var tiny = options.Flag("tiny");
        var items = options.Integer("items", fallback: tiny ? 200 : 10_000, min: 10);
        var organizations = (int)options.Integer("organizations", fallback: tiny ? 40 : 2_000, min: 10);
        var probes = (int)options.Integer("probes", fallback: tiny ? 40 : 200, min: 1);
        var warmup = (int)options.Integer("warmup", fallback: tiny ? 10 : 20);
        var borrowers = (int)options.Integer("borrowers", fallback: 16, min: 2);
        var seed = (ulong)options.Integer("seed", fallback: 42);
        var directory = Path.GetFullPath(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "elbasar-bench"));
        var postgres = options.String("postgres") ?? DefaultPostgres;
        var providers = (options.String("providers") ?? (tiny ? "sqlite" : "sqlite,postgresql"))
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        options.EnsureAllUsed();

        var tinyDirectory = tiny ? Directory.CreateTempSubdirectory("elbasar-bench-lending-") : null;
        if (tinyDirectory is not null) directory = tinyDirectory.FullName;
        try
        {
            var size = ImportBenchmark.SizeLabel(items);
            var files = EnsureFiles(Path.Combine(directory, $"lending-{size}-{organizations}"), organizations, items, seed);
            var line = new StringBuilder("lending");
            var allOk = true;
            foreach (var provider in providers)
            {
                if (provider is not ("sqlite" or "postgresql")) throw new CommandLineException($"--providers takes sqlite and postgresql, not '{provider}'.");
                var connection = provider == "sqlite"
                    ? $"Data Source={Path.Combine(directory, $"lending-{size}-bench.db")}"
                    : $"{postgres};Database=elbasar_bench_lending_{size}";
                await EnsureDatabaseAsync(provider, connection, files, items, seed);
                await using var app = await SearchBenchmark.StartAppAsync(provider, connection);
                var samples = await TimeAvailabilityAsync(app.Services, provider, connection, probes, warmup, seed);
                var contention = await ContendAsync(app.Services, borrowers);
                Report(provider, size, samples, contention);
                allOk &= contention.Failures.Count == 0;
                line.Append(CultureInfo.InvariantCulture,
                    $" p95_ms_{provider}={BenchTables.Percentile(samples.Select(s => s.AppMs), 95):0.00} engine_p95_ms_{provider}={BenchTables.Percentile(samples.Select(s => s.EngineMs), 95):0.00}");
            }
            line.Append(allOk ? " contention_ok=true" : " contention_ok=false");
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

    /// <summary>The organisations and one listing per item (their titles, places and categories are the items').</summary>
    static DataFiles EnsureFiles(string directory, int organizations, long items, ulong seed)
    {
        var files = new DataFiles(Path.Combine(directory, "organizations.jsonl"), Path.Combine(directory, "listings.jsonl"));
        if (File.Exists(files.Organizations) && File.Exists(files.Listings) && ImportBenchmark.CountLines(files.Listings) == items) return files;
        GenerateCommand.Run(CommandLine.Parse(
            ["--organizations", $"{organizations}", "--listings", $"{items}", "--out", directory, "--seed", $"{seed}", "--now", "2026-11-22T00:00:00Z"],
            GenerateCommand.Flags));
        return files;
    }

    static async Task EnsureDatabaseAsync(string provider, string connection, DataFiles files, long items, ulong seed)
    {
        IBenchDatabase database = provider == "sqlite" ? new SqliteBenchDatabase(connection) : new PostgresBenchDatabase(connection);
        if (await BenchTables.ScalarAsync(provider, database.ConnectionString, "SELECT COUNT(*) FROM lending_items") == items)
        {
            Console.WriteLine($"reusing {provider} {database.Describe()} ({items:N0} lendable items)");
            return;
        }
        if (!database.Name.Contains("bench", StringComparison.OrdinalIgnoreCase))
            throw new CommandLineException($"Refusing to wipe '{database.Name}': its name does not contain 'bench'.");
        Console.WriteLine($"preparing {provider} {database.Describe()}: {items:N0} lendable items with a year of reservations");
        await database.ResetAsync();
        var watch = Stopwatch.StartNew();
        await using (var app = await SearchBenchmark.StartAppAsync(provider, database.ConnectionString))
        {
            foreach (var (what, file) in new[] { ("organizations", files.Organizations), ("listings", files.Listings) })
            {
                if (await ImportCommand.RunAsync(app.Services, [what, file], TextWriter.Null, Console.Error) != 0)
                    throw new InvalidOperationException($"import {what} {file} failed.");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  organisations and {items:N0} listings imported in {watch.Elapsed.TotalSeconds:0} s"));
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var listings = await db.Listings.AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.OrganizationId }).ToListAsync();
            var borrowers = await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).ToListAsync();
            var data = Generate(listings.Select(l => (l.Id, l.OrganizationId)).ToList(), borrowers.Select(o => (o.Id, o.Name)).ToList(),
                ReservationCalendar.Today(DateTimeOffset.UtcNow), seed);
            await BenchTables.WriteAsync(provider, database.ConnectionString, "lending_items", ItemColumns, data.Items);
            await BenchTables.WriteAsync(provider, database.ConnectionString, "lending_blocks", ["item_id", "day"], data.Blocks);
            await BenchTables.WriteAsync(provider, database.ConnectionString, "lending_reservations", ReservationColumns, data.Reservations.Select(ReservationValues));
            await BenchTables.WriteAsync(provider, database.ConnectionString, "lending_reservation_days", ["item_id", "day", "slot", "reservation_id"],
                data.Reservations.Where(r => r.Status is "pending" or "confirmed" or "lent")
                    .SelectMany(r => ReservationCalendar.Days(r.From, r.To).Select(d => new object?[] { r.ItemId, d, r.Slot, r.Id })));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {data.Items.Count:N0} items, {data.Reservations.Count:N0} reservations, {data.Reservations.Where(r => r.Status is "pending" or "confirmed" or "lent").Sum(r => r.To.DayNumber - r.From.DayNumber + 1):N0} days held, written in {watch.Elapsed.TotalSeconds:0} s"));
        }
        await BenchTables.AnalyzeAsync(provider, database.ConnectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared in {watch.Elapsed.TotalSeconds:0} s"));
    }

    static readonly string[] ItemColumns =
        ["id", "organization_id", "listing_id", "quantity", "deposit_eur", "fee_eur", "pickup_hours", "audience", "auto_approve", "max_loan_days", "created_at"];

    static readonly string[] ReservationColumns =
    [
        "id", "item_id", "from", "to", "status", "borrower_organization_id", "borrower_name", "cancel_reason", "cancelled_by",
        "created_at", "decided_at", "cancelled_at", "checked_out_at", "returned_at",
    ];

    sealed record GeneratedReservation(Guid Id, Guid ItemId, int Slot, DateOnly From, DateOnly To, string Status, Guid Borrower, string BorrowerName, DateTime CreatedAt);

    sealed record Generated(List<object?[]> Items, List<object?[]> Blocks, List<GeneratedReservation> Reservations);

    /// <summary>
    /// One item per listing, lent by the listing's organisation: 70 % one unit, 20 % two, 10 % three to
    /// five; a third approve automatically, 40 % lend to everyone. Each unit is borrowed again and again
    /// over the year around today (six months back, six ahead): a gap of 2 to 13 days, then 1 to 5 days
    /// out (about 2.5 loans a month). Past loans are mostly returned (a few cancelled or declined), the
    /// current ones lent, the future ones mostly confirmed, some pending, a few cancelled. One item in
    /// twenty has a few blocked days. The first item has three units, lends to everyone and approves
    /// automatically, as the contention scenario needs.
    /// </summary>
    static Generated Generate(List<(Guid Id, Guid OrganizationId)> listings, List<(Guid Id, string Name)> organizations, DateOnly today, ulong seed)
    {
        var rng = new Rng(seed, 37, 0);
        var first = today.AddMonths(-6);
        var last = today.AddMonths(6);
        var items = new List<object?[]>(listings.Count);
        var blocks = new List<object?[]>();
        var reservations = new List<GeneratedReservation>();
        for (var n = 0; n < listings.Count; n++)
        {
            var (listingId, organizationId) = listings[n];
            var roll = rng.Next(100);
            var quantity = n == 0 ? 3 : roll < 70 ? 1 : roll < 90 ? 2 : 3 + rng.Next(3);
            var id = Guid.CreateVersion7();
            var created = first.AddDays(-rng.Next(200)).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
            items.Add([id, organizationId, listingId, quantity, rng.Next(3) == 0 ? 50m + rng.Next(10) * 10 : null, rng.Next(4) == 0 ? 5m : null,
                "Du lundi au vendredi, 9 h - 17 h", n == 0 || rng.Next(10) < 4 ? "everyone" : "members", n == 0 || rng.Next(3) == 0, 14, created]);
            if (n > 0 && rng.Next(20) == 0)
            {
                var start = first.AddDays(rng.Next(360));
                for (var d = 0; d < 3 + rng.Next(5); d++) blocks.Add([id, start.AddDays(d)]);
            }
            var blocked = blocks.Count > 0 && (Guid)blocks[^1][0]! == id ? blocks.Where(b => (Guid)b[0]! == id).Select(b => (DateOnly)b[1]!).ToHashSet() : [];
            for (var slot = 1; slot <= quantity; slot++)
            {
                var day = first.AddDays(rng.Next(10));
                while (true)
                {
                    var from = day.AddDays(2 + rng.Next(12));
                    var to = from.AddDays(rng.Next(5));
                    if (to > last) break;
                    day = to;
                    if (blocked.Count > 0 && ReservationCalendar.Days(from, to).Any(blocked.Contains)) continue;
                    var r = rng.Next(100);
                    var status = to < today ? (r < 85 ? "returned" : r < 93 ? "cancelled" : "declined")
                        : from <= today ? "lent"
                        : r < 70 ? "confirmed" : r < 92 ? "pending" : "cancelled";
                    var borrower = organizations[rng.Next(organizations.Count)];
                    if (borrower.Id == organizationId) borrower = organizations[(organizations.IndexOf(borrower) + 1) % organizations.Count];
                    var asked = from.AddDays(-1 - rng.Next(30)).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
                    reservations.Add(new GeneratedReservation(Guid.CreateVersion7(), id, slot, from, to, status, borrower.Id, borrower.Name, asked));
                }
            }
        }
        return new Generated(items, blocks, reservations);
    }

    static object?[] ReservationValues(GeneratedReservation r)
    {
        var decided = r.Status is "pending" or "cancelled" ? (DateTime?)null : r.CreatedAt.AddHours(5);
        var cancelled = r.Status == "cancelled";
        return
        [
            r.Id, r.ItemId, r.From, r.To, r.Status, r.Borrower, r.BorrowerName, cancelled ? "Nous n'en avons plus besoin." : null, cancelled ? "borrower" : null,
            r.CreatedAt, decided, cancelled ? r.CreatedAt.AddDays(1) : null,
            r.Status is "lent" or "returned" ? r.From.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc) : null,
            r.Status == "returned" ? r.To.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc) : null,
        ];
    }

    /// <summary>
    /// Each probe is one item's month, as the item page shows it: the item read, then
    /// <see cref="LendingQueries.MonthAsync"/> (the reserved and lent units of each day of the weeks
    /// shown, and the blocked days), in a fresh scope. The same three statements then run directly on
    /// a connection of the benchmark's own, rows read, with no EF Core in between.
    /// </summary>
    static async Task<List<Probe>> TimeAvailabilityAsync(IServiceProvider services, string provider, string connection, int probes, int warmup, ulong seed)
    {
        List<Guid> ids;
        await using (var scope = services.CreateAsyncScope())
            ids = await scope.ServiceProvider.GetRequiredService<ElBasarDbContext>().LendingItems.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var today = ReservationCalendar.Today(DateTimeOffset.UtcNow);
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-6);
        await using var direct = await EngineQueries.OpenAsync(provider, connection);
        var rng = new Rng(seed, 41, 0);
        var samples = new List<Probe>(probes);
        for (var i = 0; i < warmup + probes; i++)
        {
            var id = ids[rng.Next(ids.Count)];
            var month = firstMonth.AddMonths(rng.Next(12));
            var watch = Stopwatch.StartNew();
            int held;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
                var organizations = db.Organizations;
            var item = await db.LendingItems.AsNoTracking().SingleAsync(x => x.Id == id);
                var weeks = await LendingQueries.MonthAsync(db, item, month.Year, month.Month, today, default);
                held = weeks.SelectMany(w => w).Sum(d => d.Reserved + d.Lent);
            }
            var appMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var engineHeld = await direct.MonthAsync(id, month);
            var engineMs = watch.Elapsed.TotalMilliseconds;
            if (engineHeld != held) throw new InvalidOperationException($"The direct SQL found {engineHeld} units held around {month:yyyy-MM}, the calendar {held}.");
            if (i >= warmup) samples.Add(new Probe(appMs, engineMs, held));
        }
        return samples;
    }

    /// <summary>The calendar's statements, written out, on one open connection.</summary>
    sealed class EngineQueries(DbConnection connection, bool sqlite) : IAsyncDisposable
    {
        public static async Task<EngineQueries> OpenAsync(string provider, string connectionString)
        {
            DbConnection connection = provider == "sqlite" ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return new EngineQueries(connection, provider == "sqlite");
        }

        /// <summary>The item, the units held on the days shown (with their reservation's status), the blocked days: as <c>ItemModel</c> and <c>MonthAsync</c> read them.</summary>
        public async Task<int> MonthAsync(Guid itemId, DateOnly month)
        {
            var from = month.AddDays(-7);
            var to = month.AddMonths(1).AddDays(7);
            await ReadAllAsync("SELECT * FROM lending_items WHERE id = @id LIMIT 2", itemId, null, null);
            var held = await ReadAllAsync(
                "SELECT d.day, r.status FROM lending_reservation_days AS d INNER JOIN lending_reservations AS r ON d.reservation_id = r.id " +
                "WHERE d.item_id = @id AND d.day >= @from AND d.day <= @to", itemId, from, to);
            await ReadAllAsync("SELECT b.day FROM lending_blocks AS b WHERE b.item_id = @id AND b.day >= @from AND b.day <= @to", itemId, from, to);
            // The weeks shown: from the Monday on or before the 1st to the Sunday on or after the last day.
            var first = month.AddDays(-(((int)month.DayOfWeek + 6) % 7));
            var lastDay = month.AddMonths(1).AddDays(-1);
            var last = lastDay.AddDays((7 - (int)lastDay.DayOfWeek) % 7);
            return held.Count(d => d >= first && d <= last);
        }

        async Task<List<DateOnly>> ReadAllAsync(string sql, Guid id, DateOnly? from, DateOnly? to)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "id", sqlite ? BenchTables.Sqlite(id) : id);
            if (from is { } f) Add(command, "from", sqlite ? BenchTables.Sqlite(f) : f);
            if (to is { } t) Add(command, "to", sqlite ? BenchTables.Sqlite(t) : t);
            var days = new List<DateOnly>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.FieldCount <= 2)
                    days.Add(sqlite ? DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture) : reader.GetFieldValue<DateOnly>(0));
                else
                    for (var c = 0; c < reader.FieldCount; c++) reader.GetValue(c);
                if (reader.FieldCount == 2) reader.GetString(1);
            }
            return days;
        }

        static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    /// <summary>
    /// <paramref name="borrowers"/> people, each in their own scope, released together, each asking four
    /// times for overlapping ranges of the same three-unit item through <see cref="LoanDesk.ReserveAsync"/>.
    /// Then the database is read back: no day holds more units than the item has, every success is
    /// there with one unit on each of its days, nothing else was booked, every refusal was a conflict
    /// with its French message, and no exception came out.
    /// </summary>
    static async Task<Contention> ContendAsync(IServiceProvider services, int borrowers)
    {
        const int requestsEach = 4;
        Guid itemId;
        int quantity;
        var today = ReservationCalendar.Today(DateTimeOffset.UtcNow);
        var start = today.AddDays(ContentionStart);
        var end = start.AddDays(ContentionSpan + 20);
        var users = new List<Guid>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            // A three-unit item lent to everyone and approved automatically, whose listing and lender are live.
            var organizations = db.Organizations;
            var item = await db.LendingItems.AsNoTracking()
                .Where(i => i.Quantity == 3 && i.AutoApprove && i.Audience == LendingAudience.Everyone
                    && i.Listing!.Status == ListingStatus.Published
                    && organizations.Any(o => o.Id == i.OrganizationId && o.Status == OrganizationStatus.Active))
                .OrderBy(i => i.Id).FirstAsync();
            (itemId, quantity) = (item.Id, item.Quantity);
            // A previous run's bookings go, so that each run starts from the same free days.
            await db.ReservationDays.Where(d => d.ItemId == itemId && d.Day >= start).ExecuteDeleteAsync();
            await db.Reservations.Where(r => r.ItemId == itemId && r.From >= start).ExecuteDeleteAsync();
            for (var b = 0; b < borrowers; b++)
            {
                var email = $"emprunteur{b}@bench.example.org";
                var user = await db.Set<User>().SingleOrDefaultAsync(u => u.Email == email);
                if (user is null)
                {
                    user = new User
                    {
                        DisplayName = $"Emprunteuse {b}", UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                        NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
                    };
                    db.Add(user);
                }
                users.Add(user.Id);
            }
            await db.SaveChangesAsync();
        }

        var successes = new ConcurrentBag<Guid>();
        var failures = new ConcurrentBag<string>();
        var times = new ConcurrentBag<double>();
        var refusals = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, borrowers).Select(b => Task.Run(async () =>
        {
            await go.Task;
            for (var k = 0; k < requestsEach; k++)
            {
                var from = start.AddDays((b * 3 + k * 5) % ContentionSpan);
                var to = from.AddDays(1 + (b + k) % 4);
                var watch = Stopwatch.StartNew();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var desk = scope.ServiceProvider.GetRequiredService<LoanDesk>();
                    var result = await desk.ReserveAsync(users[b], itemId, ReservationCalendar.Iso(from), ReservationCalendar.Iso(to), null, null, default);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (result.Outcome == LendingOutcome.Done) successes.Add(result.Reservation!.Id);
                    else if (result.Outcome == LendingOutcome.Conflict && result.Problem?.Contains("déjà entièrement réservé", StringComparison.Ordinal) == true)
                        Interlocked.Increment(ref refusals);
                    else failures.Add($"borrower {b}, {from}–{to}: {result.Outcome} {result.Problem} {string.Join("; ", result.Errors.SelectMany(e => e.Value))}");
                }
                catch (Exception ex)
                {
                    failures.Add($"borrower {b}, {from}–{to}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(tasks);

        var busiest = 0;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var days = await db.ReservationDays.AsNoTracking().Where(d => d.ItemId == itemId && d.Day >= start && d.Day <= end).ToListAsync();
            var booked = await db.Reservations.AsNoTracking().Where(r => r.ItemId == itemId && r.From >= start).ToListAsync();
            busiest = days.GroupBy(d => d.Day).Select(g => g.Count()).DefaultIfEmpty(0).Max();
            if (busiest > quantity) failures.Add($"{busiest} units held on one day, the item has {quantity}.");
            foreach (var day in days.GroupBy(d => d.Day).Where(g => g.Select(d => d.Slot).Distinct().Count() != g.Count() || g.Any(d => d.Slot > quantity)))
                failures.Add($"slots held twice or beyond the quantity on {day.Key}.");
            var bookedIds = booked.Select(r => r.Id).ToHashSet();
            foreach (var id in successes.Where(id => !bookedIds.Contains(id))) failures.Add($"reservation {id} was answered but is not in the database.");
            foreach (var r in booked)
            {
                if (!successes.Contains(r.Id)) failures.Add($"reservation {r.Id} is in the database but was never answered.");
                if (days.Count(d => d.ReservationId == r.Id) != r.Days) failures.Add($"reservation {r.Id} holds {days.Count(d => d.ReservationId == r.Id)} days of {r.Days}.");
                if (r.Status != ReservationStatus.Confirmed) failures.Add($"reservation {r.Id} is {r.Status}, the item approves automatically.");
            }
        }
        return new Contention(borrowers, borrowers * requestsEach, successes.Count, refusals, failures.ToList(), times.ToList(), quantity, busiest);
    }

    static void Report(string provider, string size, List<Probe> samples, Contention c)
    {
        var app = samples.Select(s => s.AppMs).ToList();
        var engine = samples.Select(s => s.EngineMs).ToList();
        Console.WriteLine();
        Console.WriteLine($"lending {provider} {size} items: availability of an item for a month, {samples.Count} probes (mean {samples.Average(s => s.Held):0.0} units held on the days shown)");
        Console.WriteLine($"{"",-22} {"p50 ms",9} {"p95 ms",9} {"max ms",9}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"calendar (app)",-22} {BenchTables.Percentile(app, 50),9:0.00} {BenchTables.Percentile(app, 95),9:0.00} {app.Max(),9:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"same SQL (engine)",-22} {BenchTables.Percentile(engine, 50),9:0.00} {BenchTables.Percentile(engine, 95),9:0.00} {engine.Max(),9:0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"app / engine",-22} {BenchTables.Percentile(app, 50) / BenchTables.Percentile(engine, 50),9:0.0}x {BenchTables.Percentile(app, 95) / BenchTables.Percentile(engine, 95),8:0.0}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reservation under contention: {c.Borrowers} borrowers x {c.Requests / c.Borrowers} requests on one item of {c.Quantity} units: {c.Successes} booked, {c.Refusals} refused (full), busiest day {c.BusiestDay}/{c.Quantity} units; per request p50 {BenchTables.Percentile(c.Milliseconds, 50):0.0} ms, p95 {BenchTables.Percentile(c.Milliseconds, 95):0.0} ms, max {c.Milliseconds.DefaultIfEmpty(0).Max():0.0} ms"));
        foreach (var failure in c.Failures) Console.WriteLine($"  FAILED: {failure}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB"));
    }
}
