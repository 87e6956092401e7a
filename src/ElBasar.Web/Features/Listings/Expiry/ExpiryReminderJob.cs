using System.Net.Mail;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Jobs;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Listings.Expiry;

/// <summary>
/// Once an hour (<c>Listings:ExpiryReminderPollMinutes</c>), e-mails the people of each published listing that
/// expires within <c>Listings:ExpiryReminderDays</c> days: its organisation's owners and editors, or the
/// organisation's contact address when it has nobody. One reminder per expiry: a renewed listing (a new
/// <c>expires_at</c>) is reminded again before its new date.
/// </summary>
/// <remarks>
/// Safe on several nodes and across restarts: a listing is claimed by one UPDATE whose WHERE says "not yet
/// reminded for this expiry" (PostgreSQL checks it again once a competing transaction commits; SQLite has
/// one writer), and its mails are queued in that same transaction, so they go with the mark or not at all.
/// The outbox key (listing, expiry, recipient) would drop a double anyway. A pass holds the job's lock
/// (<see cref="JobLocks"/>): one node at a time looks.
/// </remarks>
public sealed class ExpiryReminderJob(
    IServiceScopeFactory scopes,
    JobLocks locks,
    TimeProvider clock,
    IOptions<ListingsOptions> options,
    SiteLinks site,
    ILogger<ExpiryReminderJob> logger) : BackgroundService
{
    const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.ExpiryRemindersEnabled) return;
        var interval = TimeSpan.FromMinutes(settings.ExpiryReminderPollMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var reminded = await RunOnceAsync(stoppingToken);
                if (reminded > 0) logger.LogInformation("Expiry reminders queued for {Count} listings", reminded);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Expiry reminders failed; next look in {Minutes} min", settings.ExpiryReminderPollMinutes);
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

    /// <summary>One pass: queues the reminders of every listing due now; returns how many listings were reminded (0 while another node's pass runs).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("expiry-reminders", ct);
        if (held is null) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(options.Value.ExpiryReminderDays);
        var reminded = 0;
        while (true)
        {
            List<Guid> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await Due(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>().Listings, now, horizon)
                    .OrderBy(l => l.ExpiresAt).Select(l => l.Id).Take(BatchSize).ToListAsync(ct);
            }
            var claimed = 0;
            foreach (var id in due)
            {
                if (await RemindAsync(id, now, horizon, ct)) claimed++;
            }
            reminded += claimed;
            // Another node took what this one did not: whatever is left is for the next look.
            if (due.Count < BatchSize || claimed == 0) return reminded;
        }
    }

    static IQueryable<Listing> Due(IQueryable<Listing> listings, DateTime now, DateTime horizon) =>
        listings.Where(l => l.Status == ListingStatus.Published && l.ExpiresAt > now && l.ExpiresAt <= horizon
                            && (l.ExpiryRemindedFor == null || l.ExpiryRemindedFor != l.ExpiresAt));

    async Task<bool> RemindAsync(Guid id, DateTime now, DateTime horizon, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var mails = scope.ServiceProvider.GetRequiredService<ExpiryMails>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await Due(db.Listings.Where(l => l.Id == id), now, horizon).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.ExpiryReminderSentAt, now)
            .SetProperty(l => l.ExpiryRemindedFor, l => l.ExpiresAt), ct);
        if (claimed == 0) return false;

        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.Title, ExpiresAt = l.ExpiresAt!.Value, l.OrganizationId, l.Organization!.Name, l.Organization.Email, l.Organization.Status })
            .SingleAsync(ct);
        // A hidden organisation's listings are out of sight: marked, so that they are not looked at again, but not mailed.
        if (listing.Status == OrganizationStatus.Active)
        {
            var link = $"{site.BaseUrl}/annonces/{id}";
            foreach (var (to, who) in await RecipientsAsync(db, listing.OrganizationId, listing.Name, listing.Email, ct))
                mails.ExpiresSoon(to, listing.Title, listing.Name, listing.ExpiresAt, link,
                    $"listing-expiry:{id:N}:{listing.ExpiresAt:yyyyMMddHHmmss}:{who}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The organisation's owners and editors, or else its contact address; each with the outbox key's last part.</summary>
    static async Task<List<(EmailAddress To, string Who)>> RecipientsAsync(ElBasarDbContext db, Guid organizationId, string name, string? contact, CancellationToken ct)
    {
        var people = await (from m in db.OrganizationMembers.AsNoTracking()
                            join u in db.Set<User>() on m.UserId equals u.Id
                            where m.OrganizationId == organizationId && u.Email != null
                            orderby m.Role, u.Email
                            select new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var recipients = people.Where(p => IsAddress(p.Email!))
            .Select(p => (new EmailAddress(p.Email!, p.DisplayName), p.Id.ToString("N"))).ToList();
        if (recipients.Count == 0 && contact is not null && IsAddress(contact))
            recipients.Add((new EmailAddress(contact, name), "contact"));
        return recipients;
    }

    // Imported contact addresses are not always addresses; the outbox would refuse them.
    static bool IsAddress(string text) => MailAddress.TryCreate(text, out var address) && address.Address == text;
}
