using System.Data.Common;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// The alert worker. Each pass (1) takes the listings queued by the database when they became
/// visible (migration 0017's triggers), finds the saved searches each is news for, and for a
/// demand the organisations watching for demands their offers answer (<see cref="DemandWatchMatcher"/>),
/// and records the matches, then (2) mails what is due: instant alerts at once, digests when their
/// day or week is over, one mail per search (or per owner of a watching organisation) with
/// everything new since the last one. The partner installations' listings the federation sync
/// brings (queued by migration 0038's triggers) are matched against saved searches the same way
/// and go into the same mails, with their origin and a link to the original.
/// Safe on several nodes and across restarts: queued listings are claimed in the transaction that
/// records their matches (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>; SQLite: its single writer), a
/// match is recorded once (primary key), and the mail commits with the marks of the matches it
/// carries, which a second worker finds already sent; its outbox key is made of those listings.
/// </summary>
public sealed class AlertJob(
    IServiceScopeFactory scopes, DatabaseInfo database, IOptions<AlertsOptions> options, TimeProvider clock, ILogger<AlertJob> logger)
    : BackgroundService
{
    const int ListingBatch = 50;
    const int SearchBatch = 50;

    public sealed record Pass(int Listings, int Matches, int Mails);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkerEnabled) return;
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
                logger.LogError(ex, "Alert pass failed; next pass in {Seconds} s", settings.PollSeconds);
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

    /// <summary>One pass: every queued listing matched, every due alert queued in the outbox.</summary>
    public async Task<Pass> RunOnceAsync(CancellationToken ct = default)
    {
        var (listings, matches) = (0, 0);
        while (true)
        {
            var (taken, recorded) = await MatchBatchAsync(ct);
            listings += taken;
            matches += recorded;
            if (taken < ListingBatch) break;
        }
        while (true)
        {
            var (taken, recorded) = await MatchRemoteBatchAsync(ct);
            listings += taken;
            matches += recorded;
            if (taken < ListingBatch) break;
        }
        var mails = 0;
        while (true)
        {
            var (looked, sent) = await SendDueAsync(ct);
            mails += sent;
            if (looked < SearchBatch || sent == 0) break;
        }
        while (true)
        {
            var (looked, sent) = await SendDemandWatchesAsync(ct);
            mails += sent;
            if (looked < SearchBatch || sent == 0) break;
        }
        return new Pass(listings, matches, mails);
    }

    async Task<(int Taken, int Recorded)> MatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var matcher = scope.ServiceProvider.GetRequiredService<AlertMatcher>();
        var demands = scope.ServiceProvider.GetRequiredService<DemandWatchMatcher>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var queued = await ClaimAsync(db, transaction.GetDbTransaction(), "alert_listing_queue", "listing_id", ct);
        var recorded = 0;
        if (queued.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var listing in await matcher.LiveListingsAsync(queued.Distinct().ToList(), now, ct))
            {
                recorded += await RecordDemandMatchesAsync(db, demands, listing, now, ct);
                var found = (await matcher.FindAsync(listing, ct)).Select(m => m.SavedSearchId).ToList();
                if (found.Count == 0) continue;
                var known = await db.SavedSearchMatches.Where(m => m.ListingId == listing.Id && found.Contains(m.SavedSearchId))
                    .Select(m => m.SavedSearchId).ToListAsync(ct);
                foreach (var id in found.Except(known))
                {
                    db.SavedSearchMatches.Add(new SavedSearchMatch { SavedSearchId = id, ListingId = listing.Id, MatchedAt = now });
                    recorded++;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (queued.Count, recorded);
    }

    /// <summary>The same as <see cref="MatchBatchAsync"/> for the partners' listings: claimed from their queue, matched, recorded once.</summary>
    async Task<(int Taken, int Recorded)> MatchRemoteBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
        var matcher = scope.ServiceProvider.GetRequiredService<AlertMatcher>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var queued = await ClaimAsync(db, transaction.GetDbTransaction(), "alert_remote_queue", "remote_listing_id", ct);
        var recorded = 0;
        if (queued.Count > 0)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var remote in await matcher.RemoteListingsAsync(queued.Distinct().ToList(), now, ct))
            {
                var found = (await matcher.FindAsync(remote.Facts, ct)).Select(m => m.SavedSearchId).ToList();
                if (found.Count == 0) continue;
                var known = await db.SavedSearchRemoteMatches
                    .Where(m => m.PartnerId == remote.PartnerId && m.RemoteId == remote.RemoteId && found.Contains(m.SavedSearchId))
                    .Select(m => m.SavedSearchId).ToListAsync(ct);
                foreach (var id in found.Except(known))
                {
                    db.SavedSearchRemoteMatches.Add(new SavedSearchRemoteMatch { SavedSearchId = id, PartnerId = remote.PartnerId, RemoteId = remote.RemoteId, MatchedAt = now });
                    recorded++;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (queued.Count, recorded);
    }

    static async Task<int> RecordDemandMatchesAsync(ElBasarDbContext db, DemandWatchMatcher demands, ListingFacts listing, DateTime now, CancellationToken ct)
    {
        var found = await demands.FindAsync(listing, ct);
        if (found.Count == 0) return 0;
        var organizations = found.Select(f => f.OrganizationId).ToList();
        var known = await db.DemandWatchMatches.Where(m => m.DemandId == listing.Id && organizations.Contains(m.OrganizationId))
            .Select(m => m.OrganizationId).ToListAsync(ct);
        var added = 0;
        foreach (var f in found.Where(f => !known.Contains(f.OrganizationId)))
        {
            db.DemandWatchMatches.Add(new DemandWatchMatch { OrganizationId = f.OrganizationId, DemandId = listing.Id, OfferId = f.OfferId, MatchedAt = now });
            added++;
        }
        return added;
    }

    // Taken out of the queue in the transaction that records the matches: a crash puts them back.
    async Task<List<Guid>> ClaimAsync(ElBasarDbContext db, DbTransaction transaction, string queue, string column, CancellationToken ct)
    {
        var skipLocked = database.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {queue} WHERE id IN (SELECT id FROM {queue} ORDER BY id LIMIT {ListingBatch}{skipLocked}) RETURNING {column}";
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    async Task<(int Looked, int Sent)> SendDueAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var unsent = db.SavedSearchMatches.Where(m => m.SentAt == null).Select(m => m.SavedSearchId);
            var unsentRemote = db.SavedSearchRemoteMatches.Where(m => m.SentAt == null).Select(m => m.SavedSearchId);
            due = await db.SavedSearches.AsNoTracking()
                .Where(s => !s.Paused && (s.Frequency == AlertFrequency.Instant || s.NextDigestAt <= now)
                    && (unsent.Contains(s.Id) || unsentRemote.Contains(s.Id)))
                .OrderBy(s => s.Id).Take(SearchBatch).Select(s => s.Id).ToListAsync(ct);
        }
        var sent = 0;
        foreach (var id in due)
        {
            if (await SendAsync(id, ct)) sent++;
        }
        return (due.Count, sent);
    }

    async Task<(int Looked, int Sent)> SendDemandWatchesAsync(CancellationToken ct)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
            due = await scope.ServiceProvider.GetRequiredService<DemandWatches>().DueAsync(SearchBatch, ct);
        var sent = 0;
        foreach (var organizationId in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<DemandWatches>().SendAsync(organizationId, ct)) sent++;
        }
        return (due.Count, sent);
    }

    /// <summary>Queues one alert mail with every unsent match of the search, marking them sent in the same transaction.</summary>
    async Task<bool> SendAsync(Guid savedSearchId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ElBasarDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var saved = await db.SavedSearches.SingleOrDefaultAsync(s => s.Id == savedSearchId, ct);
        if (saved is null || saved.Paused || (saved.Frequency != AlertFrequency.Instant && saved.NextDigestAt > now)) return false;
        var pending = await db.SavedSearchMatches.Where(m => m.SavedSearchId == saved.Id && m.SentAt == null)
            .Select(m => m.ListingId).ToListAsync(ct);
        var pendingRemote = await db.SavedSearchRemoteMatches.Where(m => m.SavedSearchId == saved.Id && m.SentAt == null)
            .Select(m => new { m.PartnerId, m.RemoteId }).ToListAsync(ct);
        if (pending.Count == 0 && pendingRemote.Count == 0) return false;
        // The claim: another worker marking the same rows waits for this one (PostgreSQL's row locks) or
        // comes after it (SQLite's one writer), then finds them sent and gives up.
        var marked = await db.SavedSearchMatches
            .Where(m => m.SavedSearchId == saved.Id && m.SentAt == null && pending.Contains(m.ListingId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        var partners = pendingRemote.Select(r => r.PartnerId).Distinct().ToList();
        var remoteIds = pendingRemote.Select(r => r.RemoteId).Distinct().ToList();
        var markedRemote = await db.SavedSearchRemoteMatches
            .Where(m => m.SavedSearchId == saved.Id && m.SentAt == null && partners.Contains(m.PartnerId) && remoteIds.Contains(m.RemoteId))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
        if (marked != pending.Count || markedRemote != pendingRemote.Count)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        var own = db.OrganizationMembers.Where(m => m.UserId == saved.UserId).Select(m => m.OrganizationId);
        // Seen again as the search's network shows them today: a partnership ended, or the person
        // left a network, since the match, and the listing is left out.
        var audiences = services.GetRequiredService<NetworkAudiences>();
        var audience = NetworkAudiences.On(await audiences.MemberNetworksAsync(saved.UserId, ct), saved.NetworkId,
            await audiences.PartnershipsAsync(Shared.Listings, ct));
        var local = await audience.Filter(db.Listings.AsNoTracking())
            .Where(l => pending.Contains(l.Id) && l.Status == ListingStatus.Published
                && (l.ExpiresAt == null || l.ExpiresAt > now) && l.Organization!.Status == OrganizationStatus.Active
                && !own.Contains(l.OrganizationId))
            .Select(l => new { l.Id, l.Kind, l.Title, l.Commune, Organization = l.Organization!.Name, l.CreatedAt, l.NetworkId })
            .ToListAsync(ct);
        var sharers = await SharersAsync(db, local.Select(l => l.NetworkId).Where(n => n != saved.NetworkId).Distinct().ToList(), ct);
        var links = services.GetRequiredService<AlertLinks>();
        var items = local.Select(l => (l.CreatedAt, Item: new AlertMails.Item(l.Id.ToString("N"), Label(l.Kind), l.Title, l.Commune, l.Organization, links.Listing(l.Id))
            {
                SharedBy = sharers.GetValueOrDefault(l.NetworkId),
            }))
            .Concat(await RemoteItemsAsync(db, pendingRemote.Select(r => (r.PartnerId, r.RemoteId)).ToHashSet(), now, ct))
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Item.Key, StringComparer.Ordinal)
            .Select(i => i.Item).ToList();
        var sent = false;
        var user = await db.Set<User>().AsNoTracking().Where(u => u.Id == saved.UserId)
            .Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (items.Count > 0 && user?.Email is { } email)
        {
            var mail = services.GetRequiredService<AlertMails>().Build(saved, new EmailAddress(email, user.DisplayName),
                items);
            services.GetRequiredService<Outbox>().Add(mail);
            saved.LastSentAt = now;
            sent = true;
        }
        if (SavedSearches.DigestPeriod(saved.Frequency) is { } period && sent) saved.NextDigestAt = now + period;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    /// <summary>The names of the partner networks whose listings an alert carries, by id.</summary>
    static async Task<Dictionary<Guid, string>> SharersAsync(ElBasarDbContext db, List<Guid> networks, CancellationToken ct) =>
        networks.Count == 0 ? [] : await db.Networks.AsNoTracking().Where(n => networks.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Name, ct);

    /// <summary>
    /// The partners' listings among <paramref name="wanted"/> that are still held and not expired: one
    /// withdrawn at its source since it was matched is gone from <c>remote_listings</c> and left out.
    /// </summary>
    static async Task<List<(DateTime CreatedAt, AlertMails.Item Item)>> RemoteItemsAsync(
        ElBasarDbContext db, HashSet<(Guid PartnerId, string RemoteId)> wanted, DateTime now, CancellationToken ct)
    {
        if (wanted.Count == 0) return [];
        var partners = wanted.Select(w => w.PartnerId).Distinct().ToList();
        var remoteIds = wanted.Select(w => w.RemoteId).Distinct().ToList();
        var rows = await db.RemoteListings.AsNoTracking()
            .Where(r => partners.Contains(r.PartnerId) && remoteIds.Contains(r.RemoteId) && (r.ExpiresAt == null || r.ExpiresAt > now))
            .Select(r => new { r.PartnerId, r.RemoteId, r.Kind, r.Title, r.Commune, r.OrganizationName, r.RemoteUrl, r.CreatedAt, Origin = r.Partner!.Name })
            .ToListAsync(ct);
        return rows.Where(r => wanted.Contains((r.PartnerId, r.RemoteId)) && Slug.TryParse<ListingKind>(r.Kind, out _))
            .Select(r => (r.CreatedAt, new AlertMails.Item($"{r.PartnerId:N}:{r.RemoteId}", Label(Slug.Parse<ListingKind>(r.Kind)), r.Title,
                r.Commune, r.OrganizationName, r.RemoteUrl) { Origin = r.Origin }))
            .ToList();
    }

    static string Label(ListingKind kind) => kind == ListingKind.Offer ? "Offre" : "Demande";
}
