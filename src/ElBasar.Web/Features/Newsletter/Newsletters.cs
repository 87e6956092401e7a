using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// The digest's issues as the facilitator handles them: a draft per month, its selection and
/// editorial, a test copy to herself, then sending now or at a set time. Sending freezes the
/// digest (<see cref="NewsletterIssue.Html"/>); <see cref="NewsletterJob"/> then queues the copies.
/// </summary>
public sealed class Newsletters(ElBasarDbContext db, DigestComposer composer, NewsletterLinks links, Outbox outbox, TimeProvider clock)
{
    public sealed record Progress(int Total, int Queued, int Sent);

    /// <summary>The network of a digest's pages: the one of this short address, the home network without one; null when there is none.</summary>
    public async Task<NetworkRef?> NetworkAsync(string? slug, CancellationToken ct) =>
        slug is null
            ? await CurrentNetwork.HomeAsync(db, ct)
            : await db.Networks.AsNoTracking().Where(n => n.Slug == slug).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).SingleOrDefaultAsync(ct);

    public Task<NetworkRef> NetworkOfAsync(NewsletterIssue issue, CancellationToken ct) =>
        db.Networks.AsNoTracking().Where(n => n.Id == issue.NetworkId).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).SingleAsync(ct);

    public async Task<NewsletterIssue> DraftAsync(NetworkRef network, DateOnly month, CancellationToken ct)
    {
        var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (await db.Set<NewsletterIssue>().SingleOrDefaultAsync(i => i.NetworkId == network.Id && i.Month == key, ct) is { } existing) return existing;
        var now = clock.GetUtcNow().UtcDateTime;
        var issue = new NewsletterIssue { NetworkId = network.Id, Month = key, Subject = DigestComposer.TitleOf(network, month), CreatedAt = now, UpdatedAt = now };
        db.Add(issue);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two facilitators opened the month at once: the other's draft is the one.
            db.ChangeTracker.Clear();
            return await db.Set<NewsletterIssue>().SingleAsync(i => i.NetworkId == network.Id && i.Month == key, ct);
        }
        return issue;
    }

    public Task<NewsletterIssue?> FindAsync(Guid networkId, DateOnly month, CancellationToken ct)
    {
        var key = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return db.Set<NewsletterIssue>().SingleOrDefaultAsync(i => i.NetworkId == networkId && i.Month == key, ct);
    }

    public static IReadOnlySet<Guid> Excluded(NewsletterIssue issue) =>
        issue.ExcludedListings.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToHashSet();

    public async Task<DigestComposer.Digest> ComposeAsync(NewsletterIssue issue, CancellationToken ct) =>
        await composer.ComposeAsync(await NetworkOfAsync(issue, ct), DateOnly.ParseExact(issue.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
            issue.Editorial, Excluded(issue), ct);

    /// <summary>Keeps the subject, the editorial and the listings left out; only while not sent.</summary>
    public async Task<bool> SaveAsync(NewsletterIssue issue, string subject, string editorial, IEnumerable<Guid> excluded, CancellationToken ct)
    {
        if (issue.Status is IssueStatus.Sending or IssueStatus.Sent) return false;
        issue.Subject = subject.Trim();
        issue.Editorial = editorial;
        issue.ExcludedListings = string.Join(' ', excluded.Distinct().Select(g => g.ToString()));
        issue.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A copy to the facilitator herself, marked as a test, with a link that unsubscribes nobody.</summary>
    public async Task SendTestAsync(NewsletterIssue issue, string email, string? name, CancellationToken ct)
    {
        var digest = await ComposeAsync(issue, ct);
        var link = links.ArchiveOf(await NetworkOfAsync(issue, ct));
        outbox.Add(new EmailMessage(new EmailAddress(email, name), "[Test] " + issue.Subject,
            digest.Text.Replace(DigestComposer.UnsubscribePlaceholder, link), digest.Html.Replace(DigestComposer.UnsubscribePlaceholder, WebUtility.HtmlEncode(link)))
        {
            Key = $"newsletter-test:{issue.Id:N}:{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}",
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends at <paramref name="at"/> (UTC), or at once when null: the digest is frozen when its sending starts.</summary>
    public async Task<bool> ScheduleAsync(NewsletterIssue issue, DateTime? at, CancellationToken ct)
    {
        if (issue.Status is IssueStatus.Sending or IssueStatus.Sent) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (at is { } when && when > now)
        {
            issue.Status = IssueStatus.Scheduled;
            issue.ScheduledAt = when;
        }
        else await StartAsync(issue, ct);
        issue.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    internal async Task StartAsync(NewsletterIssue issue, CancellationToken ct)
    {
        var digest = await ComposeAsync(issue, ct);
        issue.Html = digest.Html;
        issue.Text = digest.Text;
        issue.Status = IssueStatus.Sending;
        issue.ScheduledAt ??= clock.GetUtcNow().UtcDateTime;
    }

    public async Task<Progress> ProgressAsync(NewsletterIssue issue, CancellationToken ct)
    {
        var deliveries = db.Set<NewsletterDelivery>().Where(d => d.IssueId == issue.Id);
        var prefix = $"newsletter:{issue.Id:N}:";
        return new Progress(await deliveries.CountAsync(ct), await deliveries.CountAsync(d => d.QueuedAt != null, ct),
            await db.Set<OutboxMessage>().CountAsync(m => m.Key!.StartsWith(prefix) && m.SentAt != null, ct));
    }

    /// <summary>The issue's body as every copy shares it, stored once in the outbox: the unsubscribe link is a placeholder.</summary>
    public static SharedBody Body(NewsletterIssue issue) => new(issue.Text!, issue.Html!);

    /// <summary>
    /// One subscriber's copy of <paramref name="body"/> (<see cref="Body"/>): their own one-click
    /// unsubscribe link in the body and the headers (RFC 8058), keyed by issue and subscriber.
    /// </summary>
    public EmailCopy Copy(NewsletterIssue issue, SharedBody body, Subscriber subscriber)
    {
        var unsubscribe = links.Unsubscribe(subscriber);
        return new EmailCopy(new EmailAddress(subscriber.Email, subscriber.Name), issue.Subject, body)
        {
            Values = new Dictionary<string, string> { [DigestComposer.UnsubscribePlaceholder] = unsubscribe },
            Key = $"newsletter:{issue.Id:N}:{subscriber.Id:N}",
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }
}
