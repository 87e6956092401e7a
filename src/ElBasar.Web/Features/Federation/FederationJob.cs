using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// Follows the partner installations' feeds. Each pass takes the partners due, claims each one
/// (an update that only one node wins: <c>claimed_until</c> empty or past), reads its feed
/// (<see cref="FeedSubscription"/>) and sets when to read it again: <see cref="FederationOptions.SyncMinutes"/>
/// after a success, longer after each failure in a row (2, 4, 8… minutes, at most an hour). A
/// partner that is offline or answers garbage costs one failed request a while; the site's pages
/// never wait for it, they read only what is stored here. Each pass also compacts this site's own feed
/// log once a day (<see cref="CompactLogAsync"/>).
/// </summary>
public sealed class FederationJob(
    IServiceScopeFactory scopes, JobLocks locks, IOptions<FederationOptions> options, TimeProvider clock, ILogger<FederationJob> logger)
    : BackgroundService
{
    /// <summary>How long a claim holds if its node dies mid-read.</summary>
    static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    public sealed record Pass(int Partners, int Failed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                var compacted = await CompactLogAsync(stoppingToken);
                if (compacted > 0) logger.LogInformation("Feed log compacted: {Count} superseded changes deleted", compacted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Federation pass failed; next pass in {Seconds} s", settings.PollSeconds);
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: every partner due read once.</summary>
    public async Task<Pass> RunOnceAsync(CancellationToken ct = default)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await db.PartnerInstallations.AsNoTracking().Where(p => p.NextSyncAt <= now && (p.ClaimedUntil == null || p.ClaimedUntil < now))
                .OrderBy(p => p.NextSyncAt).Select(p => p.Id).ToListAsync(ct);
        }
        var (read, failed) = (0, 0);
        foreach (var id in due)
        {
            if (!await ClaimAsync(id, ct)) continue;
            read++;
            if (!await SyncAsync(id, ct)) failed++;
        }
        return new Pass(read, failed);
    }

    /// <summary>The feed's change log compacted, when a day has passed since the last time (<see cref="FeedChanges.CompactAsync"/>); 0 while another node does it.</summary>
    public async Task<int> CompactLogAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("feed-log", ct);
        if (held is null) return 0;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FeedChanges>().CompactAsync(clock.GetUtcNow().UtcDateTime, ct);
    }

    async Task<bool> ClaimAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.PartnerInstallations
            .Where(p => p.Id == id && p.NextSyncAt <= now && (p.ClaimedUntil == null || p.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ClaimedUntil, now + ClaimFor), ct) == 1;
    }

    async Task<bool> SyncAsync(Guid id, CancellationToken ct)
    {
        FeedSubscription.Outcome outcome;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<FeedSubscription>().SyncAsync(id, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Reading the feed of partner {Partner} failed", id);
            outcome = new FeedSubscription.Outcome(0, 0, 0, "La lecture du flux a échoué ; elle sera reprise plus tard.");
        }

        await using var done = scopes.CreateAsyncScope();
        var db = done.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        if (await db.PartnerInstallations.SingleOrDefaultAsync(p => p.Id == id, ct) is not { } partner) return outcome.Error is null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (outcome.Error is null)
        {
            partner.Failures = 0;
            partner.LastError = null;
            partner.LastSuccessAt = now;
            partner.NextSyncAt = now.AddMinutes(options.Value.SyncMinutes);
        }
        else
        {
            partner.Failures++;
            partner.LastError = outcome.Error.Length > 500 ? outcome.Error[..500] : outcome.Error;
            partner.NextSyncAt = now + Backoff(partner.Failures);
            logger.LogWarning("Feed of {Partner} not read: {Error}; next try at {Next:u}", partner.BaseUrl, outcome.Error, partner.NextSyncAt);
        }
        partner.ClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        return outcome.Error is null;
    }

    /// <summary>2, 4, 8… minutes after failures in a row, at most an hour.</summary>
    public static TimeSpan Backoff(int failures) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(failures, 6))));
}
