using System.Net.Mail;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Email;

/// <summary>
/// Sends the outbox: every <c>Email:PollSeconds</c> it claims due messages, hands each to the
/// <see cref="IEmailSender"/>, and records the outcome in its own small statement right after.
/// Nothing is lost: a message claimed by a node that died is due again once the claim runs out.
/// A double is possible only if the process dies between the hand-over and that record; the
/// repeat then carries the same Message-ID (and replaces its own file in pickup mode).
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailSender sender,
    IOutboxClaims claims,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 20;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>How long a claim lasts (<c>Email:ClaimSeconds</c>, one minute by default).</summary>
    public TimeSpan ClaimDuration => TimeSpan.FromSeconds(options.Value.ClaimSeconds);

    // A message is not started with less claim left than a slow hand-over may take (the send timeout).
    TimeSpan SendMargin => options.Value.SendTimeout;

    /// <summary>This dispatcher, as written in <c>claimed_by</c>: unique per process and start.</summary>
    public string Claimant { get; } = NewClaimant();

    // The column holds 100 characters: the random part, which makes it unique, comes first.
    static string NewClaimant()
    {
        var name = $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}";
        return name.Length <= 100 ? name : name[..100];
    }

    /// <summary>Waits after a failed attempt: one minute, doubled each time, at most an hour.</summary>
    public static TimeSpan RetryDelay(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(attempts - 1, 0)), MaxRetryDelay.TotalMinutes));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.DispatcherEnabled) return;
        var interval = TimeSpan.FromSeconds(settings.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch means more may wait: go on without sleeping.
                while (await DispatchOnceAsync(stoppingToken) == BatchSize) { }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch failed; next look in {Seconds} s", settings.PollSeconds);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one batch of due messages and sends them; returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var now = clock.GetUtcNow();
        var claimedUntil = now + ClaimDuration;
        var batch = await claims.ClaimAsync(db, Claimant, now.UtcDateTime, claimedUntil.UtcDateTime, BatchSize, ct);

        var sent = 0;
        var done = 0;
        try
        {
            var bodies = await SharedBodiesAsync(db, batch, ct);
            foreach (var message in batch)
            {
                if (clock.GetUtcNow() + SendMargin > claimedUntil) break;
                try
                {
                    var email = message.ToEmail(message.BodyId is { } bodyId ? bodies[bodyId] : null);
                    await sender.SendAsync(message.Id, new DateTimeOffset(message.CreatedAt, TimeSpan.Zero), email, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    await RecordFailureAsync(db, message, ex);
                    done++;
                    continue;
                }
                // Recorded even while stopping: the message has left.
                await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.ClaimedBy, (string?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
                done++;
                sent++;
            }
        }
        finally
        {
            if (done < batch.Count) await ReleaseAsync(db, batch.Skip(done).Select(m => m.Id).ToList());
        }
        return sent;
    }

    /// <summary>The bodies the claimed copies share, each read once for the batch.</summary>
    static async Task<Dictionary<Guid, OutboxBody>> SharedBodiesAsync(ElBasarDbContext db, IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        var ids = batch.Where(m => m.BodyId is not null).Select(m => m.BodyId!.Value).Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.Set<OutboxBody>().AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
    }

    async Task RecordFailureAsync(ElBasarDbContext db, OutboxMessage message, Exception ex)
    {
        var attempts = message.Attempts + 1;
        var next = clock.GetUtcNow() + RetryDelay(attempts);
        var error = Describe(ex);
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next.UtcDateTime)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        // SMTP errors quote the recipient's address: only their status is logged.
        if (ex is SmtpException)
            logger.LogWarning("Mail {MessageId} not sent, attempt {Attempts} ({Error}); next attempt at {NextAttemptAt}",
                message.Id, attempts, error, next);
        else
            logger.LogWarning(ex, "Mail {MessageId} not sent, attempt {Attempts} ({Error}); next attempt at {NextAttemptAt}",
                message.Id, attempts, error, next);
    }

    // Gives back what this dispatcher will not send now (stopping, or too little claim left),
    // unless its claim already ran out and another dispatcher has taken the message.
    async Task ReleaseAsync(ElBasarDbContext db, List<Guid> ids)
    {
        await db.Set<OutboxMessage>()
            .Where(m => ids.Contains(m.Id) && m.ClaimedBy == Claimant && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>A short, personal-data-free account of a failure, for <c>last_error</c>.</summary>
    public static string Describe(Exception ex)
    {
        var text = ex switch
        {
            SmtpFailedRecipientException r => $"SMTP recipient refused ({(int)r.StatusCode} {r.StatusCode})",
            SmtpException s => $"SMTP error ({(int)s.StatusCode} {s.StatusCode})",
            _ => ex.GetType().Name,
        };
        return text.Length <= OutboxMessage.MaxErrorLength ? text : text[..OutboxMessage.MaxErrorLength];
    }
}
