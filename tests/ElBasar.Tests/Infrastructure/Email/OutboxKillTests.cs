using System.Diagnostics;
using ElBasar.Tests.Features.Alerts;
using ElBasar.Tests.Support;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>
/// The site as a real process, killed while the relay holds an alert it claimed, then started
/// again: the alert arrives once, neither lost nor doubled.
/// </summary>
public sealed class OutboxKillTests(ITestOutputHelper output)
{
    // Short enough for a quick test; a hand-over is given up after half of it (6 s), long after the kill.
    const int ClaimSeconds = 12;

    static Dictionary<string, string?> SiteSettings(int smtpPort) => new()
    {
        ["Site:BaseUrl"] = Alerting.BaseUrl,
        ["Email:Mode"] = "smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:From"] = "elBasar <contact@elbasar.example.org>",
        ["Email:DispatcherEnabled"] = "true",
        ["Email:PollSeconds"] = "1",
        ["Email:ClaimSeconds"] = ClaimSeconds.ToString(),
        ["Alerts:WorkerEnabled"] = "true",
        ["Alerts:PollSeconds"] = "1",
    };

    [SkippableTheory, BothDatabases]
    public async Task An_alert_claimed_by_a_site_killed_before_the_relay_answered_is_sent_once_after_a_restart(string provider)
    {
        await Python.SkipUnlessAvailableAsync("aiosmtpd");
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(provider);

        // A saved search and a listing it finds, made through the site in the test's own process.
        Guid listingId;
        await using (var setup = TestApp.StartOn(database, new() { ["Site:BaseUrl"] = Alerting.BaseUrl }, new FakeClock(DateTimeOffset.UtcNow)))
        {
            var camille = await Alerting.PersonAsync(setup, "camille@example.org");
            await camille.SaveAsync("Tonnelles", new { q = "tonnelle" });
            var organization = await new OrganizationBuilder().SaveAsync(setup);
            listingId = (await new ListingBuilder(organization).Titled("Tonnelle 3x3 à prêter").SaveAsync(setup)).Id;
        }
        await using var rows = DatabaseReader.On(database);

        // The site matches the listing, queues the alert, claims it and hands it to a relay that never answers.
        OutboxMessage claimed;
        await using (var stalling = StallingSmtpServer.Start())
        await using (var site = await SiteProcess.StartAsync(database, SiteSettings(stalling.Port)))
        {
            var stalled = await Task.WhenAny(stalling.Stalled, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(stalled == stalling.Stalled, $"The site never handed the alert to the relay:\n{site.Output}");
            claimed = Assert.Single(await AllAsync(rows));
            output.WriteLine($"Claimed and stalled after {watch.Elapsed.TotalSeconds:0.0} s.");
            Assert.NotNull(claimed.ClaimedBy);
            Assert.Null(claimed.SentAt);
            Assert.Equal(0, claimed.Attempts);

            await site.KillAsync();
        }
        var afterKill = Assert.Single(await AllAsync(rows));
        Assert.Equal((claimed.ClaimedBy, claimed.ClaimedUntil, (DateTime?)null, 0), (afterKill.ClaimedBy, afterKill.ClaimedUntil, afterKill.SentAt, afterKill.Attempts));
        Assert.Equal("camille@example.org", afterKill.ToAddress);

        // Started again, on a relay that works: the alert goes once its claim has run out, and only once.
        await using var sink = await SmtpSink.StartAsync();
        await using var restarted = await SiteProcess.StartAsync(database, SiteSettings(sink.Port));
        var deadline = DateTime.UtcNow.AddSeconds(ClaimSeconds + 20);
        OutboxMessage sent;
        while ((sent = Assert.Single(await AllAsync(rows))).SentAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The alert was not sent after the restart:\n{restarted.Output}");
            await Task.Delay(200);
        }
        // A few more looks at the outbox by the restarted site and passes of its alert worker.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, sink.Received);
        var (bytes, envelope) = await sink.ReceiveAsync();
        Assert.Equal(["camille@example.org"], envelope.RcptTos);
        var eml = Eml.Parse(bytes);
        Assert.Equal($"<{claimed.Id:N}@elbasar.example.org>", eml.Header("Message-ID"));
        Assert.Equal("Alerte « Tonnelles » : 1 nouvelle annonce", eml.Header("Subject"));
        Assert.Contains($"{Alerting.BaseUrl}/annonces/{listingId}", eml.Body("text/plain"));

        var final = Assert.Single(await AllAsync(rows));
        Assert.True(final.SentAt >= claimed.ClaimedUntil, $"Sent at {final.SentAt:O}, while the dead site's claim ran until {claimed.ClaimedUntil:O}.");
        Assert.Equal((0, null, null, null), (final.Attempts, final.ClaimedBy, final.ClaimedUntil, final.LastError));
        output.WriteLine($"Killed, restarted and sent in {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    static Task<List<OutboxMessage>> AllAsync(DatabaseReader rows) =>
        rows.WithAsync(db => db.Set<OutboxMessage>().AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());
}
