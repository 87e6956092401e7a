using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Sends the digests, in the background and in batches. For an issue being sent it (1) enlists:
/// every member account gets a subscriber row (unless it has one), then every active subscriber a
/// delivery row; (2) queues: each batch adds one outbox message per delivery and marks the
/// deliveries queued, in one transaction. Killed at any point, the next pass goes on from the
/// last committed batch; a copy queued twice (two nodes) is dropped by the outbox's unique key
/// <c>newsletter:{issue}:{subscriber}</c>. Nobody gets a second copy. A pass holds the job's lock
/// (<see cref="JobLocks"/>): with several nodes, one sends while the others skip their turn.
/// </summary>
public sealed class NewsletterJob(
    IServiceScopeFactory scopes, JobLocks locks, IOptions<NewsletterOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock,
    ILogger<NewsletterJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Newsletter pass failed; next pass in {Seconds} s", options.Value.PollSeconds);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: starts the scheduled issues that are due and queues every copy still to queue. Returns the copies queued (0 while another node's pass runs).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("newsletter", ct);
        if (held is null) return 0;
        await StartDueAsync(ct);
        List<Guid> sending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            sending = await db.Set<NewsletterIssue>().Where(i => i.Status == IssueStatus.Sending).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        }
        var queued = 0;
        foreach (var id in sending)
        {
            var issue = await EnlistAsync(id, ct);
            // Built once: the outbox stores the body once, whatever the number of copies.
            var body = Newsletters.Body(issue);
            while (true)
            {
                var (taken, added) = await QueueBatchAsync(issue, body, ct);
                queued += added;
                if (taken == 0) break;
                // SQLite has one writer: the pause lets the site's own writes in. PostgreSQL's row locks never
                // make the site wait for a batch, so it goes on at once (25 s saved at 100,000 copies).
                if (database.Value.Provider == DatabaseProvider.Sqlite && options.Value.BatchPauseMilliseconds > 0)
                    await Task.Delay(options.Value.BatchPauseMilliseconds, ct);
            }
            await FinishAsync(id, ct);
        }
        return queued;
    }

    async Task StartDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var newsletters = scope.ServiceProvider.GetRequiredService<Newsletters>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var issue in await db.Set<NewsletterIssue>().Where(i => i.Status == IssueStatus.Scheduled && i.ScheduledAt <= now).ToListAsync(ct))
        {
            await newsletters.StartAsync(issue, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Gives every active subscriber a delivery row, once per issue; returns the issue as frozen.</summary>
    async Task<NewsletterIssue> EnlistAsync(Guid issueId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var issue = await db.Set<NewsletterIssue>().SingleAsync(i => i.Id == issueId, ct);
        if (issue.Enlisted) return issue;

        // Every member account of the issue's network receives its digest unless it opted out: its row is made now.
        await scope.ServiceProvider.GetRequiredService<Subscribers>().AddMembersAsync(issue.NetworkId, ct);

        // One statement in the database: the list never passes through the process, whatever its length.
        // Rows already there (a pass killed before it marked the issue) are skipped by their key, not by
        // a NOT EXISTS: with stale statistics PostgreSQL planned that as a scan of the deliveries for
        // each subscriber (98 s at 100,000).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var active = Slug.Of(SubscriberStatus.Active);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO newsletter_deliveries (issue_id, subscriber_id)
            SELECT {issueId}, s.id FROM newsletter_subscribers AS s
            WHERE s.network_id = {issue.NetworkId} AND s.status = {active}
            ON CONFLICT DO NOTHING
            """, ct);
        issue.Enlisted = true;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return issue;
    }

    async Task<(int Taken, int Added)> QueueBatchAsync(NewsletterIssue issue, SharedBody body, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var newsletters = scope.ServiceProvider.GetRequiredService<Newsletters>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await db.Set<NewsletterDelivery>().Where(d => d.IssueId == issue.Id && d.QueuedAt == null)
            .OrderBy(d => d.SubscriberId).Select(d => d.SubscriberId).Take(options.Value.BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return (0, 0);
        // Unsubscribed since the list was made: no copy.
        var people = await db.Set<Subscriber>().AsNoTracking().Where(s => ids.Contains(s.Id) && s.Status == SubscriberStatus.Active).ToListAsync(ct);
        foreach (var person in people) outbox.Add(newsletters.Copy(issue, body, person));
        await db.SaveChangesAsync(ct);
        // The marks in one statement, in the copies' transaction.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<NewsletterDelivery>().Where(d => d.IssueId == issue.Id && ids.Contains(d.SubscriberId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.QueuedAt, now), ct);
        await transaction.CommitAsync(ct);
        return (ids.Count, people.Count);
    }

    async Task FinishAsync(Guid issueId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Set<NewsletterDelivery>().AnyAsync(d => d.IssueId == issueId && d.QueuedAt == null, ct)) return;
        await db.Set<NewsletterIssue>().Where(i => i.Id == issueId && i.Status == IssueStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IssueStatus.Sent).SetProperty(i => i.SentAt, now), ct);
    }
}
