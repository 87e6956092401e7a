using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>A member's activity: what it did in the period, when it last did anything, when a facilitator last called it.</summary>
public sealed record MemberLine(
    Guid Id, string Name, string? LegalForm, string? Commune, string? Email, string? Phone,
    int ExchangesConfirmed, int ListingsPublished, int MessagesSent,
    DateOnly? LastExchange, DateOnly? LastListing, DateOnly? LastMessage, DateOnly? LastContact, string? LastContactNote)
{
    public DateOnly? LastActivity => new[] { LastExchange, LastListing, LastMessage }.Max();
}

/// <summary>
/// The members of a scope's networks and what they do, for the per-member export and "qui a décroché ?" (the home network's): members
/// with no listing, message or exchange for some months, with the last follow-up contact recorded.
/// Each figure is one GROUP BY over its table; listings and conversations are only read here.
/// </summary>
public sealed class MemberActivity(ElBasarDbContext db, TimeProvider clock)
{
    /// <summary>The active member organisations of the scope (of any network for the whole installation), each with all its own activity.</summary>
    public async Task<IReadOnlyList<MemberLine>> MembersAsync(ImpactPeriod period, ImpactScope scope, CancellationToken ct)
    {
        var memberOrganizations = scope.MemberOrganizations(db);
        var members = await db.Organizations.AsNoTracking()
            .Where(o => o.Status == OrganizationStatus.Active && memberOrganizations.Contains(o.Id))
            .Select(o => new { o.Id, o.Name, o.LegalForm, o.Commune, o.Email, o.Phone })
            .ToListAsync(ct);

        var from = period.From;
        var to = period.To;
        var start = Display.FromParis(from.ToDateTime(TimeOnly.MinValue));
        var end = Display.FromParis(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var confirmed = db.Exchanges.AsNoTracking().Where(e => e.Status == ExchangeStatus.Confirmed);

        var exchangesFrom = await confirmed.Where(e => e.Date >= from && e.Date <= to).GroupBy(e => e.FromOrganizationId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var exchangesTo = await confirmed.Where(e => e.Date >= from && e.Date <= to).GroupBy(e => e.ToOrganizationId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var lastFrom = await confirmed.GroupBy(e => e.FromOrganizationId).Select(g => new { Id = g.Key, Last = g.Max(e => e.Date) }).ToDictionaryAsync(x => x.Id, x => x.Last, ct);
        var lastTo = await confirmed.GroupBy(e => e.ToOrganizationId).Select(g => new { Id = g.Key, Last = g.Max(e => e.Date) }).ToDictionaryAsync(x => x.Id, x => x.Last, ct);

        var listings = db.Listings.AsNoTracking();
        var published = await listings.Where(l => l.CreatedAt >= start && l.CreatedAt < end).GroupBy(l => l.OrganizationId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var lastListing = await listings.GroupBy(l => l.OrganizationId).Select(g => new { Id = g.Key, Last = g.Max(l => l.CreatedAt) })
            .ToDictionaryAsync(x => x.Id, x => x.Last, ct);

        // A message is its organisation's: the receiving organisation's answers, or a starter's who wrote for one.
        var messages = from m in db.ConversationMessages.AsNoTracking()
                       join c in db.Conversations.AsNoTracking() on m.ConversationId equals c.Id
                       where m.Side != ConversationSide.Facilitator
                       let organization = m.Side == ConversationSide.Receiver ? (Guid?)c.OrganizationId : c.StarterOrganizationId
                       where organization != null
                       select new { Organization = organization!.Value, m.CreatedAt };
        var sent = await messages.Where(m => m.CreatedAt >= start && m.CreatedAt < end).GroupBy(m => m.Organization)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Id, x => x.Count, ct);
        var lastMessage = await messages.GroupBy(m => m.Organization).Select(g => new { Id = g.Key, Last = g.Max(m => m.CreatedAt) })
            .ToDictionaryAsync(x => x.Id, x => x.Last, ct);

        var contacts = (await db.MemberContacts.AsNoTracking()
                .Select(c => new { c.OrganizationId, c.ContactedOn, c.Note, c.CreatedAt }).ToListAsync(ct))
            .GroupBy(c => c.OrganizationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.ContactedOn).ThenByDescending(c => c.CreatedAt).First());

        static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(Display.ToParis(utc));
        DateOnly? Latest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : (a > b ? a : b);

        return members.Select(m => new MemberLine(
                m.Id, m.Name, m.LegalForm, m.Commune, m.Email, m.Phone,
                exchangesFrom.GetValueOrDefault(m.Id) + exchangesTo.GetValueOrDefault(m.Id), published.GetValueOrDefault(m.Id), sent.GetValueOrDefault(m.Id),
                Latest(lastFrom.TryGetValue(m.Id, out var f) ? f : null, lastTo.TryGetValue(m.Id, out var t) ? t : null),
                lastListing.TryGetValue(m.Id, out var l) ? Day(l) : null,
                lastMessage.TryGetValue(m.Id, out var s) ? Day(s) : null,
                contacts.TryGetValue(m.Id, out var c) ? c.ContactedOn : null, contacts.TryGetValue(m.Id, out var n) ? n.Note : null))
            .OrderBy(m => m.Name, StringComparer.Create(WebModule.French, ignoreCase: true))
            .ToList();
    }

    /// <summary>Members with nothing (no listing, message or confirmed exchange) for <paramref name="months"/> months, the longest silent first.</summary>
    public async Task<IReadOnlyList<MemberLine>> DriftedAsync(int months, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));
        var since = today.AddMonths(-months);
        var home = await CurrentNetwork.HomeAsync(db, ct);
        var all = await MembersAsync(new ImpactPeriod(since, today), new ImpactScope(home, false, []), ct);
        return all.Where(m => m.LastActivity is null || m.LastActivity < since)
            .OrderBy(m => m.LastActivity ?? DateOnly.MinValue).ThenBy(m => m.Name, StringComparer.Create(WebModule.French, ignoreCase: true))
            .ToList();
    }

    public async Task RecordContactAsync(Guid organizationId, DateOnly on, string? note, Guid byId, string byName, CancellationToken ct)
    {
        db.MemberContacts.Add(new MemberContact
        {
            OrganizationId = organizationId, ContactedOn = on, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            ById = byId, ByName = byName.Length > 200 ? byName[..200] : byName, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}
