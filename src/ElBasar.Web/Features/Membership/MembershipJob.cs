using System.Net;
using System.Net.Mail;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Directory.Charter;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using ElBasar.Web.Infrastructure.Jobs;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Membership;

/// <summary>
/// Once an hour (<c>Membership:PollMinutes</c>): reminds the owners of each organisation whose paid
/// year ends in 30 days, then in 7 days, unless the next year is already paid; and makes an
/// organisation a former member once its last year, paid or asked for, is over. Organisations
/// without any recorded membership (members by import) are left as they are.
/// A reminder is claimed by one UPDATE ("not yet reminded") in the transaction that queues its
/// mails, so two nodes never send it twice; the outbox key would drop a double anyway. A pass holds
/// the job's lock (<see cref="JobLocks"/>): one node at a time looks.
/// </summary>
public sealed class MembershipJob(
    IServiceScopeFactory scopes, JobLocks locks, TimeProvider clock, IOptions<MembershipOptions> options, ILogger<MembershipJob> logger) : BackgroundService
{
    public sealed record Pass(int Reminders, int Expired);

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
                logger.LogError(ex, "Membership pass failed; next one in {Minutes} min", options.Value.PollMinutes);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(options.Value.PollMinutes), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass (nothing done while another node's pass runs).</summary>
    public async Task<Pass> RunOnceAsync(CancellationToken ct = default)
    {
        await using var held = await locks.TryTakeAsync("membership", ct);
        if (held is null) return new Pass(0, 0);
        var today = DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));
        var reminders = await RemindAsync(30, today, ct) + await RemindAsync(7, today, ct);
        return new Pass(reminders, await ExpireAsync(today, ct));
    }

    static IQueryable<Membership> Due(ElBasarDbContext db, int days, DateOnly today)
    {
        var horizon = today.AddDays(days);
        var all = db.Memberships;
        var due = all.Where(m => m.Status == MembershipStatus.Active && m.ValidUntil >= today && m.ValidUntil <= horizon
            && !all.Any(n => n.OrganizationId == m.OrganizationId && n.Year == m.Year + 1 && n.Status == MembershipStatus.Active));
        return days == 30 ? due.Where(m => m.Reminded30At == null) : due.Where(m => m.Reminded7At == null);
    }

    async Task<int> RemindAsync(int days, DateOnly today, CancellationToken ct)
    {
        List<Guid> ids;
        await using (var scope = scopes.CreateAsyncScope())
            ids = await Due(scope.ServiceProvider.GetRequiredService<ElBasarDbContext>(), days, today).Select(m => m.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in ids)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ElBasarDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = days == 30
                ? await Due(db, days, today).Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Reminded30At, now), ct)
                : await Due(db, days, today).Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Reminded7At, now).SetProperty(m => m.Reminded30At, m => m.Reminded30At ?? now), ct);
            if (claimed == 0) continue;
            var membership = await db.Memberships.AsNoTracking().SingleAsync(m => m.Id == id, ct);
            var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == membership.OrganizationId)
                .Select(o => new { o.Name, o.Email, o.Status }).SingleAsync(ct);
            var tier = await services.GetRequiredService<Memberships>().TierOfAsync(membership.OrganizationId, ct);
            if (organization.Status == OrganizationStatus.Active)
            {
                var link = $"{services.GetRequiredService<SiteLinks>().BaseUrl}/structures/{membership.OrganizationId}/cotisation";
                foreach (var (to, who) in await RecipientsAsync(db, membership.OrganizationId, organization.Name, organization.Email, ct))
                    services.GetRequiredService<Outbox>().Add(Reminder(to, organization.Name, membership, tier?.FeeEur ?? membership.FeeEur, days, link)
                        with { Key = $"membership-reminder:{id:N}:{days}:{who}" });
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            sent++;
        }
        return sent;
    }

    async Task<int> ExpireAsync(DateOnly today, CancellationToken ct)
    {
        List<Guid> over;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var homeId = await scope.ServiceProvider.GetRequiredService<HomeNetwork>().IdAsync(ct);
            var members = db.NetworkMemberships;
            over = await db.Memberships
                .GroupBy(m => m.OrganizationId)
                .Where(g => g.Max(m => m.ValidUntil) < today)
                .Select(g => g.Key)
                .Where(o => members.Any(n => n.OrganizationId == o && n.NetworkId == homeId && n.IsMember))
                .ToListAsync(ct);
        }
        foreach (var organizationId in over)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NetworkCharter>().SetMemberAsync(organizationId, false, ct);
        }
        return over.Count;
    }

    static EmailMessage Reminder(EmailAddress to, string organization, Membership membership, decimal fee, int days, string link)
    {
        var end = membership.ValidUntil.ToString("d MMMM yyyy", WebModule.French);
        var subject = days == 30
            ? $"L'adhésion de {organization} au réseau prend fin le {end}"
            : $"Plus que 7 jours : l'adhésion de {organization} prend fin le {end}";
        var amount = fee.ToString("0.##", WebModule.French);
        var text = $"""
            Bonjour {to.DisplayName},

            L'adhésion de {organization} au réseau couvre l'année {membership.Year} et prend fin le {end}.
            Pour rester membre en {membership.Year + 1} (annonces gratuites, badge « Membre du réseau »), la cotisation est de {amount} € ;
            si ce montant est un frein, dites-le à l'équipe d'animation : une cotisation solidaire est possible.

            Où en est votre adhésion, et comment régler : {link}

            Merci de faire vivre le réseau !
            """;
        var html = $"""
            <!DOCTYPE html><html lang="fr"><body style="font-family:sans-serif;line-height:1.5">
            <p>Bonjour {WebUtility.HtmlEncode(to.DisplayName)},</p>
            <p>L'adhésion de {WebUtility.HtmlEncode(organization)} au réseau couvre l'année {membership.Year} et prend fin le {end}.
            Pour rester membre en {membership.Year + 1} (annonces gratuites, badge « Membre du réseau »), la cotisation est de {amount}&nbsp;€&nbsp;;
            si ce montant est un frein, dites-le à l'équipe d'animation&nbsp;: une cotisation solidaire est possible.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Où en est votre adhésion, et comment régler</a></p>
            <p>Merci de faire vivre le réseau&nbsp;!</p>
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html);
    }

    /// <summary>The organisation's owners, or else its contact address; each with the outbox key's last part.</summary>
    static async Task<List<(EmailAddress To, string Who)>> RecipientsAsync(ElBasarDbContext db, Guid organizationId, string name, string? contact, CancellationToken ct)
    {
        var owners = await (from m in db.OrganizationMembers.AsNoTracking()
                            join u in db.Set<User>() on m.UserId equals u.Id
                            where m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner && u.Email != null
                            orderby u.Email
                            select new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        var recipients = owners.Where(p => IsAddress(p.Email!)).Select(p => (new EmailAddress(p.Email!, p.DisplayName), p.Id.ToString("N"))).ToList();
        if (recipients.Count == 0 && contact is not null && IsAddress(contact)) recipients.Add((new EmailAddress(contact, name), "contact"));
        return recipients;
    }

    static bool IsAddress(string text) => MailAddress.TryCreate(text, out var address) && address.Address == text;
}
