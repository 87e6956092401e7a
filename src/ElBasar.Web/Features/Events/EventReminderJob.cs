using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// Mails each registered person once, the day before: when the event starts within 24 hours. The
/// mark and the mail commit together, and the mail's outbox key is the registration and the start,
/// so a pass run twice sends one reminder (a moved event is reminded again); a pass holds the job's
/// lock (<see cref="JobLocks"/>), so two nodes never run it at once.
/// </summary>
public sealed class EventReminderJob(
    IServiceScopeFactory scopes, JobLocks locks, IOptions<EventsOptions> options, TimeProvider clock, ILogger<EventReminderJob> logger)
    : BackgroundService
{
    const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled) return;
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
                logger.LogError(ex, "Event reminders failed; next pass in {Seconds} s", options.Value.PollSeconds);
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

    /// <summary>One pass: the number of reminders queued (0 while another node's pass runs).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("event-reminders", ct);
        if (held is null) return 0;
        var total = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var mails = scope.ServiceProvider.GetRequiredService<EventMails>();
            var now = clock.GetUtcNow().UtcDateTime;
            var until = now.AddHours(24);
            var due = await db.Set<EventRegistration>()
                .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new { r, e })
                .Where(x => x.r.Status == RegistrationStatus.Registered && x.r.RemindedAt == null && x.e.StartsAt > now && x.e.StartsAt <= until)
                .OrderBy(x => x.r.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0) return total;
            foreach (var x in due)
            {
                x.r.RemindedAt = now;
                outbox.Add(mails.Reminder(x.e, x.r));
            }
            await db.SaveChangesAsync(ct);
            total += due.Count;
            if (due.Count < Batch) return total;
        }
    }
}
