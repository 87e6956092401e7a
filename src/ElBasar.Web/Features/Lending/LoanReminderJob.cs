using System.Linq.Expressions;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Every <c>Lending:ReminderPollMinutes</c>, mails the day before pickup (borrower and lender), the day
/// before return (borrower) and once when an item is late (both). Dates are Paris dates.
/// </summary>
/// <remarks>
/// Safe on several nodes and across restarts: each reminder is claimed by one UPDATE whose WHERE says
/// "not yet sent", and its mails are queued in that same transaction; the outbox keys drop a double anyway.
/// A pass holds the job's lock (<see cref="JobLocks"/>): one node at a time looks.
/// </remarks>
public sealed class LoanReminderJob(
    IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<LendingOptions> options, ILogger<LoanReminderJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled) return;
        var interval = TimeSpan.FromMinutes(options.Value.ReminderPollMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await RunOnceAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Loan reminders queued for {Count} reservations", sent);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Loan reminders failed; next look in {Minutes} min", options.Value.ReminderPollMinutes);
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

    enum Kind { Pickup, Return, Late }

    /// <summary>One pass; returns how many reminders were claimed (0 while another node's pass runs).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("loan-reminders", ct);
        if (held is null) return 0;
        var today = ReservationCalendar.Today(clock.GetUtcNow());
        var tomorrow = today.AddDays(1);
        var sent = 0;
        sent += await RunAsync(Kind.Pickup, r => r.Status == ReservationStatus.Confirmed && r.From >= today && r.From <= tomorrow && r.PickupRemindedAt == null, ct);
        sent += await RunAsync(Kind.Return, r => r.Status == ReservationStatus.Lent && r.To >= today && r.To <= tomorrow && r.ReturnRemindedAt == null, ct);
        sent += await RunAsync(Kind.Late, r => r.Status == ReservationStatus.Lent && r.To < today && r.LateRemindedAt == null, ct);
        return sent;
    }

    async Task<int> RunAsync(Kind kind, Expression<Func<Reservation, bool>> due, CancellationToken ct)
    {
        List<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
            ids = await scope.ServiceProvider.GetRequiredService<ElBasarDbContext>().Reservations.Where(due).Select(r => r.Id).Take(500).ToListAsync(ct);
        var sent = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var mails = scope.ServiceProvider.GetRequiredService<LendingMails>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            Action<UpdateSettersBuilder<Reservation>> mark = kind switch
            {
                Kind.Pickup => s => s.SetProperty(r => r.PickupRemindedAt, now),
                Kind.Return => s => s.SetProperty(r => r.ReturnRemindedAt, now),
                _ => s => s.SetProperty(r => r.LateRemindedAt, now),
            };
            if (await db.Reservations.Where(r => r.Id == id).Where(due).ExecuteUpdateAsync(mark, ct) == 0) continue;
            var r = await db.Reservations.AsNoTracking().SingleAsync(x => x.Id == id, ct);
            var (title, lender) = await mails.NamesAsync(r, ct);
            var dates = LoanDesk.Dates(r);
            switch (kind)
            {
                case Kind.Pickup:
                    await mails.ToBorrowerAsync(r, "pickup-reminder", $"Retrait le {ReservationCalendar.French(r.From)} : {title}",
                        $"Rappel : vous retirez « {title} » chez {lender} le {ReservationCalendar.French(r.From)} (réservation {dates}).", ct);
                    await mails.ToLenderAsync(r, "pickup-reminder", $"Retrait le {ReservationCalendar.French(r.From)} : {title}",
                        $"Rappel : {r.BorrowerName} vient retirer « {title} » le {ReservationCalendar.French(r.From)}. Pensez à noter son état au départ.", ct);
                    break;
                case Kind.Return:
                    await mails.ToBorrowerAsync(r, "return-reminder", $"Retour le {ReservationCalendar.French(r.To)} : {title}",
                        $"Rappel : « {title} » est à rendre à {lender} le {ReservationCalendar.French(r.To)}.", ct);
                    break;
                default:
                    await mails.ToBorrowerAsync(r, "late", $"Retour en retard : {title}",
                        $"« {title} » devait être rendu à {lender} le {ReservationCalendar.French(r.To)}. Merci de le rapporter au plus vite ou de contacter le prêteur.", ct);
                    await mails.ToLenderAsync(r, "late", $"Retour en retard : {title}",
                        $"« {title} », prêté à {r.BorrowerName}, devait être rendu le {ReservationCalendar.French(r.To)} et n'est pas encore revenu.", ct);
                    break;
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            sent++;
        }
        return sent;
    }
}
