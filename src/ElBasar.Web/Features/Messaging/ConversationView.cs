using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Messaging;

/// <summary>One line of an inbox: the conversation, the side the person reads it for, and what is new.</summary>
public sealed record InboxLine(
    Guid Id, string Subject, Guid? ListingId, string MySide, string OtherSide, ConversationSide Side,
    DateTime LastMessageAt, int Unread, bool Archived);

/// <summary>One message as shown: its author's name and the side they wrote for.</summary>
public sealed record MessageLine(Guid Id, string Author, string? AuthorSide, ConversationSide Side, bool Mine, string Body, DateTime CreatedAt);

/// <summary>Reads of conversations for the inbox, the navigation's count, the thread and the API.</summary>
public static class ConversationView
{
    public const string DeletedAccount = "compte supprimé";
    const int InboxSize = 300;

    /// <summary>Conversations the person is a party to: in their own name, or for any organisation they belong to.</summary>
    static IQueryable<Conversation> Of(ElBasarDbContext db, Guid userId)
    {
        var mine = db.OrganizationMembers.Where(m => m.UserId == userId).Select(m => m.OrganizationId);
        return db.Conversations.AsNoTracking().Where(c =>
            (c.StarterOrganizationId == null && c.StarterUserId == userId)
            || (c.StarterOrganizationId != null && mine.Contains(c.StarterOrganizationId.Value))
            || mine.Contains(c.OrganizationId));
    }

    static IQueryable<ConversationMessage> UnreadFor(ElBasarDbContext db, Guid userId)
    {
        var reads = db.ConversationReads;
        return db.ConversationMessages.Where(m => m.AuthorId != userId
            && !reads.Any(r => r.ConversationId == m.ConversationId && r.UserId == userId && r.ReadAt >= m.CreatedAt));
    }

    /// <summary>How many of the person's conversations have a message they have not read ("Messages (2)").</summary>
    public static Task<int> UnreadCountAsync(ElBasarDbContext db, Guid userId, CancellationToken ct)
    {
        var unread = UnreadFor(db, userId);
        return Of(db, userId).CountAsync(c => unread.Any(m => m.ConversationId == c.Id), ct);
    }

    /// <summary>The person's conversations, unread first, then the newest.</summary>
    public static async Task<IReadOnlyList<InboxLine>> InboxAsync(ElBasarDbContext db, Guid userId, CancellationToken ct)
    {
        var mine = await db.OrganizationMembers.Where(m => m.UserId == userId).Select(m => m.OrganizationId).ToListAsync(ct);
        var unread = UnreadFor(db, userId);
        var organizations = db.Organizations;
        var users = db.Set<User>();
        var rows = await Of(db, userId).OrderByDescending(c => c.LastMessageAt).Take(InboxSize)
            .Select(c => new
            {
                c.Id, c.Subject, c.ListingId, c.StarterUserId, c.StarterOrganizationId, c.OrganizationId, c.LastMessageAt,
                c.StarterArchived, c.ReceiverArchived,
                Receiver = organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).FirstOrDefault(),
                StarterOrganization = organizations.Where(o => o.Id == c.StarterOrganizationId).Select(o => o.Name).FirstOrDefault(),
                StarterPerson = users.Where(u => u.Id == c.StarterUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Unread = unread.Count(m => m.ConversationId == c.Id),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
            {
                var starter = r.StarterOrganization ?? r.StarterPerson ?? DeletedAccount;
                var starterSide = r.StarterOrganizationId is { } so ? mine.Contains(so) : r.StarterUserId == userId;
                return starterSide
                    ? new InboxLine(r.Id, r.Subject, r.ListingId, r.StarterOrganizationId is null ? "En mon nom" : starter, r.Receiver ?? "",
                        ConversationSide.Starter, r.LastMessageAt, r.Unread, r.StarterArchived)
                    : new InboxLine(r.Id, r.Subject, r.ListingId, r.Receiver ?? "", starter, ConversationSide.Receiver, r.LastMessageAt, r.Unread, r.ReceiverArchived);
            })
            .OrderByDescending(l => l.Unread > 0).ThenByDescending(l => l.LastMessageAt)
            .ToList();
    }

    /// <summary>The messages of a conversation, oldest first, each with its author's name (or "compte supprimé").</summary>
    public static async Task<IReadOnlyList<MessageLine>> MessagesAsync(ElBasarDbContext db, Conversation c, Guid? readerId, (string Starter, string Receiver) names, CancellationToken ct)
    {
        var users = db.Set<User>();
        var rows = await db.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == c.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.AuthorId, m.Side, m.Body, m.CreatedAt, Author = users.Where(u => u.Id == m.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(m => new MessageLine(m.Id, m.Author ?? DeletedAccount,
                m.Side switch
                {
                    ConversationSide.Receiver => names.Receiver,
                    ConversationSide.Starter when c.StarterOrganizationId is not null => names.Starter,
                    ConversationSide.Facilitator => "équipe d'animation du réseau",
                    _ => null,
                },
                m.Side, readerId is not null && m.AuthorId == readerId, m.Body, m.CreatedAt))
            .ToList();
    }
}
