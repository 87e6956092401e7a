using System.Net;
using System.Security.Cryptography;
using System.Text;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// Organisations' demand watches: turned on and off by their owners, and mailed by the alert
/// worker to every owner, each batch once (the matches are marked sent in the transaction that
/// queues the mails; the outbox key is made of the demands). A demand is mailed and listed only
/// while the organisation may see it (<see cref="NetworkAudiences.OfOrganizationsAsync"/>): a
/// partnership ended, or a visibility narrowed, since the match leaves it out.
/// </summary>
public sealed class DemandWatches(ElBasarDbContext db, AlertLinks links, Outbox outbox, NetworkAudiences audiences, TimeProvider clock)
{
    /// <summary>
    /// A demand as a watch mail and page show it, with the organisation's offer that answers it. A demand of a network
    /// the organisation is not at home in, shared by a partnership, names that network in <see cref="SharedBy"/> (in the mail).
    /// </summary>
    public sealed record Demand(Guid Id, string Title, string? Commune, string Organization, Guid NetworkId, Guid OfferId, string OfferTitle, DateTime MatchedAt)
    {
        public string? SharedBy { get; init; }
    }

    public Task<DemandWatch?> FindAsync(Guid organizationId, CancellationToken ct) =>
        db.DemandWatches.SingleOrDefaultAsync(w => w.OrganizationId == organizationId, ct);

    /// <summary>Turns the watch on, or changes its frequency.</summary>
    public async Task SetAsync(Guid organizationId, AlertFrequency frequency, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var watch = await FindAsync(organizationId, ct);
        if (watch is null)
        {
            db.DemandWatches.Add(new DemandWatch
            {
                OrganizationId = organizationId, Frequency = frequency, Secret = SavedSearches.NewSecret(), CreatedAt = now,
                NextDigestAt = SavedSearches.NextDigest(frequency, now),
            });
        }
        else if (watch.Frequency != frequency)
        {
            (watch.Frequency, watch.NextDigestAt) = (frequency, SavedSearches.NextDigest(frequency, now));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Turns the watch off; the demands found and not yet mailed go with it.</summary>
    public Task StopAsync(Guid organizationId, CancellationToken ct) =>
        db.DemandWatches.Where(w => w.OrganizationId == organizationId).ExecuteDeleteAsync(ct);

    /// <summary>The demands found for the organisation lately that it may still see, newest first, live or not.</summary>
    public async Task<List<Demand>> RecentAsync(Guid organizationId, int count, CancellationToken ct) =>
        await DemandsAsync(db.DemandWatchMatches.Where(m => m.OrganizationId == organizationId), await AudienceAsync(organizationId, ct), null, count, ct);

    /// <summary>Organisations with demands to mail now: instant watches, and digests whose day or week is over.</summary>
    public async Task<List<Guid>> DueAsync(int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var unsent = db.DemandWatchMatches.Where(m => m.SentAt == null).Select(m => m.OrganizationId);
        return await db.DemandWatches.AsNoTracking()
            .Where(w => (w.Frequency == AlertFrequency.Instant || w.NextDigestAt <= now) && unsent.Contains(w.OrganizationId))
            .OrderBy(w => w.OrganizationId).Take(count).Select(w => w.OrganizationId).ToListAsync(ct);
    }

    /// <summary>Queues one mail per owner with the organisation's unsent demands still live; false when nothing was due.</summary>
    public async Task<bool> SendAsync(Guid organizationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var watch = await FindAsync(organizationId, ct);
        if (watch is null || (watch.Frequency != AlertFrequency.Instant && watch.NextDigestAt > now)) return false;
        var pending = await db.DemandWatchMatches.Where(m => m.OrganizationId == organizationId && m.SentAt == null)
            .Select(m => m.DemandId).ToListAsync(ct);
        if (pending.Count == 0) return false;
        // The claim, as for saved searches: a second worker waits for these rows, then finds them sent.
        var marked = await db.DemandWatchMatches
            .Where(m => m.OrganizationId == organizationId && m.SentAt == null && pending.Contains(m.DemandId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        if (marked != pending.Count)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        var items = await DemandsAsync(db.DemandWatchMatches.Where(m => m.OrganizationId == organizationId && pending.Contains(m.DemandId)),
            await AudienceAsync(organizationId, ct), now, pending.Count, ct);
        items = await WithSharersAsync(organizationId, items, ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(ct);
        var owners = await (from m in db.OrganizationMembers.AsNoTracking()
                            join u in db.Set<User>() on m.UserId equals u.Id
                            where m.OrganizationId == organizationId && m.Role == OrganizationRole.Owner && u.Email != null
                            select new EmailAddress(u.Email!, u.DisplayName)).ToListAsync(ct);
        if (items.Count > 0)
        {
            foreach (var owner in owners) outbox.Add(Mail(watch, organization, owner, items));
            watch.LastSentAt = now;
        }
        if (watch.Frequency != AlertFrequency.Instant && items.Count > 0) watch.NextDigestAt = SavedSearches.NextDigest(watch.Frequency, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return items.Count > 0 && owners.Count > 0;
    }

    public EmailMessage Mail(DemandWatch watch, string organization, EmailAddress to, IReadOnlyList<Demand> demands)
    {
        var count = demands.Count;
        var news = count == 1 ? "une demande" : $"{count} demandes";
        var subject = $"{Capitalised(news)} pour {organization} : ce que vous proposez y répond";
        var manage = $"{links.BaseUrl}{ManagePath(watch.OrganizationId)}";
        var stop = $"{links.BaseUrl}{StopPath(watch)}";

        var text = new StringBuilder();
        text.Append("Bonjour ").Append(to.DisplayName).Append(",\n\n");
        text.Append(count == 1 ? "Une nouvelle demande" : $"{count} nouvelles demandes").Append(" du réseau ")
            .Append(count == 1 ? "correspond" : "correspondent").Append(" à ce que propose ").Append(organization).Append(" :\n\n");
        foreach (var d in demands)
        {
            text.Append("- ").Append(d.Title).Append('\n');
            if (d.SharedBy is { } network) text.Append("  ").Append(AlertMails.SharedBy(network)).Append('\n');
            text.Append("  ").Append(Place(d)).Append('\n')
                .Append("  Votre offre qui y répond : ").Append(d.OfferTitle).Append('\n')
                .Append("  ").Append(links.Listing(d.Id)).Append("\n\n");
        }
        text.Append("Répondez depuis la page de la demande (« Contacter »).\n\n");
        text.Append("Régler ces e-mails pour ").Append(organization).Append(" : ").Append(manage).Append('\n');
        text.Append("Ne plus les recevoir (pour toute la structure, un clic, sans connexion) : ").Append(stop).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><body style=\"font-family:sans-serif;line-height:1.5\">");
        html.Append("<p>Bonjour ").Append(H(to.DisplayName)).Append(",</p>");
        html.Append("<p>").Append(count == 1 ? "Une nouvelle demande" : $"{count} nouvelles demandes").Append(" du réseau ")
            .Append(count == 1 ? "correspond" : "correspondent").Append(" à ce que propose ").Append(H(organization)).Append(" :</p><ul>");
        foreach (var d in demands)
        {
            html.Append("<li><a href=\"").Append(H(links.Listing(d.Id))).Append("\">").Append(H(d.Title)).Append("</a>");
            if (d.SharedBy is { } network) html.Append("<br><strong>").Append(H(AlertMails.SharedBy(network))).Append("</strong>");
            html.Append("<br>").Append(H(Place(d))).Append("<br>Votre offre qui y répond : ").Append(H(d.OfferTitle)).Append("</li>");
        }
        html.Append("</ul><p>Répondez depuis la page de la demande (« Contacter »).</p>");
        html.Append("<p style=\"font-size:.9em;color:#555\"><a href=\"").Append(H(manage)).Append("\">Régler ces e-mails</a> · <a href=\"")
            .Append(H(stop)).Append("\">Ne plus les recevoir</a> (pour toute la structure)</p>");
        html.Append("</body></html>");

        return new EmailMessage(to, subject, text.ToString(), html.ToString())
        {
            Key = $"demands:{watch.OrganizationId:N}:{Hash(to.Address)}:{Hash(string.Join(',', demands.Select(d => d.Id.ToString("N")).Order(StringComparer.Ordinal)))}",
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{stop}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    public static string ManagePath(Guid organizationId) => $"/structures/{organizationId}/demandes-a-suivre";

    public static string StopPath(DemandWatch watch) => $"/structures/{watch.OrganizationId}/demandes-a-suivre/arreter?signature={Sign(watch)}";

    public static string Sign(DemandWatch watch) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(watch.Secret), Encoding.UTF8.GetBytes($"demands:{watch.OrganizationId:N}")));

    public static bool Verify(DemandWatch watch, string? signature) =>
        signature is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(watch)), Encoding.ASCII.GetBytes(signature));

    /// <summary>What the organisation sees today, under the partnerships in force.</summary>
    async Task<ListingAudience> AudienceAsync(Guid organizationId, CancellationToken ct) =>
        (await audiences.OfOrganizationsAsync([organizationId], ct))[organizationId];

    /// <summary>The demands of these matches that <paramref name="audience"/> sees, newest first; only those still live at <paramref name="liveAt"/> when given.</summary>
    Task<List<Demand>> DemandsAsync(IQueryable<DemandWatchMatch> matches, ListingAudience audience, DateTime? liveAt, int count, CancellationToken ct) =>
        (from m in matches
         join d in audience.Filter(db.Listings) on m.DemandId equals d.Id
         join o in db.Listings on m.OfferId equals o.Id
         where liveAt == null || (d.Status == ListingStatus.Published
             && (d.ExpiresAt == null || d.ExpiresAt > liveAt) && d.Organization!.Status == OrganizationStatus.Active)
         orderby m.MatchedAt descending, d.Id
         select new Demand(d.Id, d.Title, d.Commune, d.Organization!.Name, d.NetworkId, o.Id, o.Title, m.MatchedAt))
        .Take(count).ToListAsync(ct);

    /// <summary>Names the network of each demand a partnership brought, by the saved-search alert's rule and words (<see cref="AlertMails"/>).</summary>
    async Task<List<Demand>> WithSharersAsync(Guid organizationId, List<Demand> demands, CancellationToken ct)
    {
        var own = await audiences.OwnNetworksAsync(organizationId, ct);
        var others = demands.Select(d => d.NetworkId).Where(n => !own.Contains(n)).Distinct().ToList();
        if (others.Count == 0) return demands;
        var names = await db.Networks.AsNoTracking().Where(n => others.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        return demands.Select(d => d with { SharedBy = names.GetValueOrDefault(d.NetworkId) }).ToList();
    }

    static string Place(Demand d) => d.Commune is { Length: > 0 } commune ? $"{commune}, {d.Organization}" : d.Organization;

    static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    static string H(string? text) => WebUtility.HtmlEncode(text ?? "");
}
