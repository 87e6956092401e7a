using System.Diagnostics;
using ElBasar.Tests.Support;
using ElBasar.Web.Features.Newsletter;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ElBasar.Tests.Features.Newsletter;

/// <summary>
/// The site as a real process, killed while it queues a digest for 1,500 subscribers, then started
/// again: it finishes, and every subscriber has exactly one copy in the outbox (whose dispatcher
/// sends each message once, see OutboxKillTests).
/// </summary>
public sealed class DigestKillTests(ITestOutputHelper output)
{
    const int Readers = 1500;

    static Dictionary<string, string?> SiteSettings() => new()
    {
        ["Site:BaseUrl"] = Newslettering.BaseUrl,
        ["Email:DispatcherEnabled"] = "false",
        ["Alerts:WorkerEnabled"] = "false",
        ["Events:RemindersEnabled"] = "false",
        ["Newsletter:WorkerEnabled"] = "true",
        ["Newsletter:PollSeconds"] = "1",
        ["Newsletter:BatchSize"] = "60",
        ["Newsletter:BatchPauseMilliseconds"] = "300",   // at least 7.5 s for 1,500 copies: time to kill it half way
    };

    [SkippableTheory, BothDatabases]
    public async Task A_digest_killed_half_way_through_1500_copies_finishes_after_a_restart_with_one_copy_each(string provider)
    {
        var watch = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid issueId;
        await using (var setup = TestApp.StartOn(database, new(Newslettering.Settings), new FakeClock(DateTimeOffset.UtcNow)))
        {
            await setup.AddSubscribersAsync(Readers);
            issueId = await setup.WithDbAsync(async (_, services) =>
            {
                var newsletters = services.GetRequiredService<Newsletters>();
                var home = await newsletters.NetworkAsync(null, CancellationToken.None);
                var issue = await newsletters.DraftAsync(home!, new DateOnly(2026, 11, 1), CancellationToken.None);
                await newsletters.ScheduleAsync(issue, null, CancellationToken.None);   // "send now": the worker takes it
                return issue.Id;
            });
        }
        output.WriteLine($"{Readers} subscribers and a digest to send after {watch.Elapsed.TotalSeconds:0.0} s.");
        await using var rows = Reader.On(database);

        int queuedAtKill;
        await using (var site = await SiteProcess.StartAsync(database, SiteSettings()))
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await rows.QueuedAsync(issueId)) < Readers / 5)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The site did not start sending:\n{site.Output}");
                await Task.Delay(50);
            }
            await site.KillAsync();
        }
        queuedAtKill = await rows.QueuedAsync(issueId);
        var copiesAtKill = await rows.CopiesAsync(issueId);
        output.WriteLine($"Killed with {queuedAtKill} of {Readers} queued, after {watch.Elapsed.TotalSeconds:0.0} s.");
        Assert.InRange(queuedAtKill, 1, Readers - 1);
        // Marks and copies commit together: as many copies as marks, never one without the other.
        Assert.Equal(queuedAtKill, copiesAtKill.Count);
        Assert.Equal(IssueStatus.Sending, await rows.StatusAsync(issueId));

        await using (var restarted = await SiteProcess.StartAsync(database, SiteSettings()))
        {
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (await rows.StatusAsync(issueId) != IssueStatus.Sent)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The digest was not finished after the restart:\n{restarted.Output}");
                await Task.Delay(200);
            }
            // A few more passes of the restarted worker.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var copies = await rows.CopiesAsync(issueId);
        Assert.Equal(Readers, copies.Count);
        Assert.Equal(Readers, copies.Select(c => c.ToAddress).Distinct().Count());
        Assert.Equal(Readers, await rows.QueuedAsync(issueId));
        Assert.True(copies.All(c => c.Subject == "La lettre du réseau, novembre 2026"));
        // One body for the copies queued before the kill and after the restart.
        Assert.Equal(1, await rows.BodiesAsync());
        Assert.Single(copies.Select(c => c.BodyId).Distinct());
        output.WriteLine($"Killed, restarted and finished in {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>What the test reads of the digest in a database the site runs on as a process.</summary>
    sealed class Reader(DatabaseReader reader) : IAsyncDisposable
    {
        public static Reader On(TestDatabase database) => new(DatabaseReader.On(database));

        public Task<int> QueuedAsync(Guid issueId) =>
            reader.WithAsync(db => db.Set<NewsletterDelivery>().CountAsync(d => d.IssueId == issueId && d.QueuedAt != null));

        public Task<IssueStatus> StatusAsync(Guid issueId) =>
            reader.WithAsync(db => db.Set<NewsletterIssue>().Where(i => i.Id == issueId).Select(i => i.Status).SingleAsync());

        public Task<List<OutboxMessage>> CopiesAsync(Guid issueId)
        {
            var prefix = $"newsletter:{issueId:N}:";
            return reader.WithAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Key!.StartsWith(prefix)).ToListAsync());
        }

        public Task<int> BodiesAsync() => reader.WithAsync(db => db.Set<OutboxBody>().CountAsync());

        public ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
