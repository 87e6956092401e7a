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
    IServiceScopeFactory scopes, JobLocks locks, IOptions<NewsletterOptions> options, TimeProvider clock, ILogger<NewsletterJob> logger)
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
            await EnlistAsync(id, ct);
            while (true)
            {
                var (taken, added) = await QueueBatchAsync(id, ct);
                queued += added;
                if (taken == 0) break;
                if (options.Value.BatchPauseMilliseconds > 0) await Task.Delay(options.Value.BatchPauseMilliseconds, ct);
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

    async Task EnlistAsync(Guid issueId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var issue = await db.Set<NewsletterIssue>().SingleAsync(i => i.Id == issueId, ct);
        if (issue.Enlisted) return;

        // Every member account of the issue's network receives its digest unless it opted out: its row is made now.
        await scope.ServiceProvider.GetRequiredService<Subscribers>().AddMembersAsync(issue.NetworkId, ct);
        var subscribers = db.Set<Subscriber>().Where(s => s.NetworkId == issue.NetworkId);

        var deliveries = db.Set<NewsletterDelivery>();
        var missing = await subscribers.Where(s => s.Status == SubscriberStatus.Active && !deliveries.Any(d => d.IssueId == issueId && d.SubscriberId == s.Id))
            .Select(s => s.Id).ToListAsync(ct);
        foreach (var id in missing) deliveries.Add(new NewsletterDelivery { IssueId = issueId, SubscriberId = id });
        issue.Enlisted = true;
        await db.SaveChangesAsync(ct);
    }

    async Task<(int Taken, int Added)> QueueBatchAsync(Guid issueId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var newsletters = scope.ServiceProvider.GetRequiredService<Newsletters>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var issue = await db.Set<NewsletterIssue>().AsNoTracking().SingleAsync(i => i.Id == issueId, ct);
        var batch = await db.Set<NewsletterDelivery>().Where(d => d.IssueId == issueId && d.QueuedAt == null)
            .OrderBy(d => d.SubscriberId).Take(options.Value.BatchSize).ToListAsync(ct);
        if (batch.Count == 0) return (0, 0);
        var ids = batch.Select(d => d.SubscriberId).ToList();
        var people = await db.Set<Subscriber>().AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var delivery in batch)
        {
            delivery.QueuedAt = now;
            // Unsubscribed since the list was made: no copy.
            if (people.TryGetValue(delivery.SubscriberId, out var person) && person.Status == SubscriberStatus.Active)
            {
                outbox.Add(newsletters.Copy(issue, person));
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (batch.Count, added);
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
