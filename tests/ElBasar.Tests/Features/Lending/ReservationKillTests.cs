using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Lending;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

/// <summary>
/// The site as a real process, killed in the middle of a burst of reservations from several borrowers at
/// once, then started again: every reservation the site answered 201 for is there with its dates, each holds
/// its days and no day of an item is held more often than the item's quantity, and reserving works again.
/// </summary>
public sealed class ReservationKillTests(ITestOutputHelper output)
{
    const int Items = 4;
    const int Quantity = 2;
    const int Borrowers = 8;

    sealed record Confirmed(Guid Id, Guid ItemId, DateOnly From, DateOnly To);

    static readonly Dictionary<string, string?> Settings = new() { ["Email:DispatcherEnabled"] = "false", ["Lending:RemindersEnabled"] = "false" };

    [SkippableTheory, BothDatabases]
    public async Task A_site_killed_during_a_burst_of_reservations_keeps_each_one_it_confirmed_and_never_overbooks(string provider)
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(provider);
        List<Guid> items;
        List<(Guid Organization, string Token)> borrowers;
        await using (var setup = TestApp.StartOn(database, clock: new FakeClock(DateTimeOffset.UtcNow)))
        {
            var lender = await PartyAsync(setup, "Recyclerie de Béthune", "pret@bethune.example.org", commune: "Béthune");
            items = [];
            for (var i = 0; i < Items; i++) items.Add(await lender.ItemAsync($"Tente de réception n° {i + 1}", quantity: Quantity, autoApprove: true));
            borrowers = [];
            for (var i = 0; i < Borrowers; i++)
            {
                var party = await PartyAsync(setup, $"Association emprunteuse {i + 1}", $"emprunt{i + 1}@exemple.org");
                borrowers.Add((party.Organization.Id, party.Person.Api.DefaultRequestHeaders.Authorization!.Parameter!));
            }
        }
        await using var rows = DatabaseReader.On(database);
        var confirmed = new ConcurrentBag<Confirmed>();
        var unexpected = new ConcurrentQueue<string>();

        await using (var site = await SiteProcess.StartAsync(database, Settings))
        {
            using var stop = new CancellationTokenSource();
            var burst = Burst(site, items, borrowers, confirmed, unexpected, seed: 1, stop.Token);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (confirmed.Count < 20)
            {
                Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected));
                Assert.True(DateTime.UtcNow < deadline, $"Too few reservations went through ({confirmed.Count}):\n{site.Output}");
                await Task.Delay(20);
            }
            await site.KillAsync();
            await stop.CancelAsync();
            await burst;
            Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected));
        }
        output.WriteLine($"Killed after {confirmed.Count} reservations confirmed to their borrowers, at {watch.Elapsed.TotalSeconds:0.0} s.");
        await AssertConsistentAsync(rows, confirmed);

        await using (var restarted = await SiteProcess.StartAsync(database, Settings))
        {
            var before = confirmed.Count;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await Burst(restarted, items, borrowers, confirmed, unexpected, seed: 2, stop.Token);
            Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected));
            Assert.True(confirmed.Count > before, $"No reservation went through after the restart:\n{restarted.Output}");
        }
        await AssertConsistentAsync(rows, confirmed);
        output.WriteLine($"{confirmed.Count} reservations confirmed in all, checked after {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Each borrower reserves one to three days of a random item in the coming months, again and again, until stopped or the site dies.</summary>
    static Task Burst(SiteProcess site, List<Guid> items, List<(Guid Organization, string Token)> borrowers, ConcurrentBag<Confirmed> confirmed,
        ConcurrentQueue<string> unexpected, int seed, CancellationToken stop) =>
        Task.WhenAll(borrowers.Select((borrower, index) => Task.Run(async () =>
        {
            var random = new Random(seed * 100 + index);
            using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", borrower.Token);
            var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
            while (!stop.IsCancellationRequested)
            {
                var item = items[random.Next(items.Count)];
                var from = first.AddDays(random.Next(120));
                var to = from.AddDays(random.Next(3));
                HttpResponseMessage response;
                try
                {
                    response = await http.PostAsJsonAsync($"/api/v1/items/{item}/reservations",
                        new { from = ReservationCalendar.Iso(from), to = ReservationCalendar.Iso(to), asOrganizationId = borrower.Organization }, stop);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    if (stop.IsCancellationRequested || site.HasExited) return;   // The burst is over, or the site died: never confirmed.
                    continue;   // Slow under load: ask again.
                }
                if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
                    unexpected.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                if (response.StatusCode != HttpStatusCode.Created) continue;
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("confirmed", body.GetProperty("status").GetString());
                confirmed.Add(new Confirmed(body.GetProperty("id").GetGuid(), item, from, to));
            }
        })));

    static async Task AssertConsistentAsync(DatabaseReader rows, IReadOnlyCollection<Confirmed> confirmed)
    {
        await rows.WithAsync(async db =>
        {
            var reservations = await db.Reservations.AsNoTracking().ToDictionaryAsync(r => r.Id);
            foreach (var answer in confirmed)
            {
                Assert.True(reservations.TryGetValue(answer.Id, out var reservation), $"Reservation {answer.Id}, confirmed to its borrower, is lost.");
                Assert.Equal((answer.ItemId, answer.From, answer.To, ReservationStatus.Confirmed),
                    (reservation.ItemId, reservation.From, reservation.To, reservation.Status));
            }
            var days = await db.ReservationDays.AsNoTracking().ToListAsync();
            foreach (var reservation in reservations.Values)
            {
                var held = days.Where(d => d.ReservationId == reservation.Id).Select(d => d.Day).Order().ToList();
                var expected = reservation.HoldsUnits
                    ? Enumerable.Range(0, reservation.Days).Select(reservation.From.AddDays).ToList()
                    : [];
                Assert.Equal(expected, held);
            }
            Assert.All(days.GroupBy(d => (d.ItemId, d.Day)), day => Assert.InRange(day.Count(), 1, Quantity));
            if (db.Database.IsSqlite())
            {
                Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("SELECT integrity_check AS \"Value\" FROM pragma_integrity_check").SingleAsync());
                Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM pragma_foreign_key_check").SingleAsync());
            }
            return true;
        });
    }
}
