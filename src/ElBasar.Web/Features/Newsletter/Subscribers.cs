using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// Who receives each network's digest. The public subscribes to one network's digest with a double
/// opt-in: a mail with a signed link to confirm, and nothing else is ever sent to an unconfirmed
/// address. The accounts of a network's member organisations (every account, for the home network)
/// receive its digest unless they opt out. Anyone leaves in one click from any copy.
/// </summary>
public sealed class Subscribers(ElBasarDbContext db, Outbox outbox, NewsletterLinks links, TimeProvider clock)
{
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Asks for a confirmation; says the same whatever the address's state, so that the form tells nothing about others.</summary>
    public async Task<bool> SubscribeAsync(NetworkRef network, string? email, string? name, CancellationToken ct)
    {
        var address = email?.Trim().ToLowerInvariant();
        if (address is null || address.Length > 256 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.NetworkId == network.Id && s.Email == address, ct);
        if (subscriber is { Status: SubscriberStatus.Active }) return true;
        if (subscriber is null)
        {
            subscriber = new Subscriber { NetworkId = network.Id, Email = address, Name = Clean(name), Status = SubscriberStatus.Pending, Secret = NewSecret(), CreatedAt = now };
            db.Add(subscriber);
        }
        else subscriber.Status = SubscriberStatus.Pending;
        var confirm = links.Confirm(subscriber);
        var letter = LetterOf(network);
        outbox.Add(new EmailMessage(new EmailAddress(address, subscriber.Name), $"Confirmez votre abonnement à {letter}",
            $"Bonjour,\n\nPour recevoir chaque mois {letter} (les offres, les demandes, les nouveaux membres, les rendez-vous), confirmez votre adresse :\n{confirm}\n\nSi vous n'avez rien demandé, ignorez ce message : vous ne recevrez rien.\n",
            $"<!DOCTYPE html><html lang=\"fr\"><body><p>Bonjour,</p><p>Pour recevoir chaque mois {WebUtility.HtmlEncode(letter)}, confirmez votre adresse :</p><p><a href=\"{WebUtility.HtmlEncode(confirm)}\">Je confirme mon abonnement</a></p><p>Si vous n'avez rien demandé, ignorez ce message : vous ne recevrez rien.</p></body></html>")
        {
            // At most one confirmation a day per address: the form cannot be used to flood an inbox.
            Key = $"newsletter-confirm:{subscriber.Id:N}:{now:yyyyMMdd}",
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Subscriber?> FindSignedAsync(Guid id, string purpose, string? signature, CancellationToken ct)
    {
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.Id == id, ct);
        return subscriber is not null && NewsletterLinks.Verify(subscriber, purpose, signature) ? subscriber : null;
    }

    public async Task ConfirmAsync(Subscriber subscriber, CancellationToken ct)
    {
        if (subscriber.Status == SubscriberStatus.Active) return;
        subscriber.Status = SubscriberStatus.Active;
        subscriber.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        subscriber.UnsubscribedAt = null;
        await db.SaveChangesAsync(ct);
    }

    public async Task UnsubscribeAsync(Subscriber subscriber, CancellationToken ct)
    {
        if (subscriber.Status == SubscriberStatus.Unsubscribed) return;
        subscriber.Status = SubscriberStatus.Unsubscribed;
        subscriber.UnsubscribedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"la lettre du réseau" for the home network, "la lettre du réseau {name}" for another.</summary>
    public static string LetterOf(NetworkRef network) => network.IsHome ? "la lettre du réseau" : $"la lettre du réseau {network.Name}";

    /// <summary>Whether a member account receives the network's digest: yes unless it opted out.</summary>
    public async Task<bool> ReceivesAsync(Guid networkId, Guid userId, CancellationToken ct) =>
        await db.Set<Subscriber>().Where(s => s.NetworkId == networkId && s.UserId == userId).Select(s => (SubscriberStatus?)s.Status).SingleOrDefaultAsync(ct)
            is null or SubscriberStatus.Active;

    /// <summary>A member account opts out of the network's digest, or back in.</summary>
    public async Task SetMemberChoiceAsync(Guid networkId, Guid userId, bool receive, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.NetworkId == networkId && s.UserId == userId, ct);
        if (subscriber is null)
        {
            var user = await db.Set<User>().AsNoTracking().SingleAsync(u => u.Id == userId, ct);
            var email = user.Email!.ToLowerInvariant();
            // The account's address may already be a public subscriber: that row becomes the account's choice.
            subscriber = await db.Set<Subscriber>().SingleOrDefaultAsync(s => s.NetworkId == networkId && s.Email == email, ct);
            if (subscriber is null)
            {
                subscriber = new Subscriber { NetworkId = networkId, Email = email, Name = user.DisplayName, UserId = userId, Status = SubscriberStatus.Active, Secret = NewSecret(), CreatedAt = now, ConfirmedAt = now };
                db.Add(subscriber);
            }
        }
        subscriber.Status = receive ? SubscriberStatus.Active : SubscriberStatus.Unsubscribed;
        subscriber.UnsubscribedAt = receive ? null : now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Before a network's digest is sent: each account that receives it by default gets its row,
    /// unless it has one (or its address does): every confirmed account for the home network, the
    /// accounts of its member organisations for another.
    /// </summary>
    public async Task AddMembersAsync(Guid networkId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var subscribers = db.Set<Subscriber>().Where(s => s.NetworkId == networkId);
        var home = await db.Networks.AnyAsync(n => n.Id == networkId && n.IsHome, ct);
        var members = from m in db.OrganizationMembers
                      join n in db.NetworkMemberships on m.OrganizationId equals n.OrganizationId
                      where n.NetworkId == networkId && n.IsMember
                      select m.UserId;
        var accounts = await db.Set<User>().AsNoTracking()
            .Where(u => u.EmailConfirmed && u.Email != null && (home || members.Contains(u.Id))
                && !subscribers.Any(s => s.UserId == u.Id) && !subscribers.Any(s => s.Email == u.Email!.ToLower()))
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(ct);
        foreach (var a in accounts.DistinctBy(a => a.Email!.ToLowerInvariant()))
            db.Add(new Subscriber { NetworkId = networkId, Email = a.Email!.ToLowerInvariant(), Name = a.DisplayName, UserId = a.Id, Status = SubscriberStatus.Active, Secret = NewSecret(), CreatedAt = now, ConfirmedAt = now });
        await db.SaveChangesAsync(ct);
    }

    static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim()[..Math.Min(200, name.Trim().Length)];
}
