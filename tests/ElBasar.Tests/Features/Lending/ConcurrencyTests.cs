using System.Net;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Lending;
using Microsoft.EntityFrameworkCore;
using static ElBasar.Tests.Features.Lending.Lenders;

namespace ElBasar.Tests.Features.Lending;

public sealed class ConcurrencyTests
{
    [SkippableTheory, BothDatabases]
    public async Task Fifty_simultaneous_requests_for_overlapping_dates_confirm_exactly_the_quantity(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de Béthune", "pret@bethune.example.org", commune: "Béthune");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync("Tente de réception", quantity: 3, autoApprove: true);

        // Every range holds Saturday 5 December, so at most three can ever be confirmed, and three always are.
        using var start = new ManualResetEventSlim(false);
        var requests = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var from = new DateOnly(2026, 12, 1).AddDays(i % 5);
            var to = new DateOnly(2026, 12, 5).AddDays(i % 3);
            return await borrower.ReserveAsync(item, ReservationCalendar.Iso(from), ReservationCalendar.Iso(to));
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(requests);

        Assert.DoesNotContain(responses, r => r.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(47, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(3, await db.Reservations.CountAsync(r => r.Status == ReservationStatus.Confirmed));
            var perDay = await db.ReservationDays.GroupBy(d => d.Day).Select(g => g.Count()).ToListAsync();
            Assert.All(perDay, n => Assert.True(n <= 3));
        });
    }

    [SkippableTheory, BothDatabases]
    public async Task The_database_itself_refuses_a_second_hold_on_the_same_slot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var lender = await PartyAsync(app, "Recyclerie de Béthune", "pret@bethune.example.org");
        var borrower = await PartyAsync(app, "Les Jardins d'Arras", "emprunt@jardins.example.org");
        var item = await lender.ItemAsync(autoApprove: true);
        var (id, _) = await ReservedAsync(await borrower.ReserveAsync(item, "2026-12-05", "2026-12-05"));

        // A check-then-insert that forgot to check: the key on (item, day, slot) still says no.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var other = new Reservation { ItemId = item, From = new(2026, 12, 5), To = new(2026, 12, 5), BorrowerName = "Intrus", Status = ReservationStatus.Confirmed, CreatedAt = DateTime.UtcNow };
            db.Reservations.Add(other);
            db.ReservationDays.Add(new ReservationDay { ItemId = item, Day = new(2026, 12, 5), Slot = 1, ReservationId = other.Id });
            await db.SaveChangesAsync();
        }));
    }
}
