using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using Microsoft.EntityFrameworkCore;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Messaging;

/// <summary>What a person or an organisation is contacted about: a listing, or the organisation itself.</summary>
public sealed record ContactTarget(Guid OrganizationId, string OrganizationName, Guid? ListingId, string Subject);

/// <summary>A conversation as one of its parties sees it: which side they are on.</summary>
public sealed record ConversationAccess(Conversation Conversation, ConversationSide Side);

/// <summary>Why a message was refused; each has its French sentence in <see cref="Conversations.Explain"/>.</summary>
public enum MessageRefusal { None, NotMember, OwnOrganization, Blocked, TooMany, TooManyNewAccount }

public sealed record StartResult(Conversation? Conversation, MessageRefusal Refusal);

/// <summary>
/// The rules of conversations, for the pages, the API and the hotline alike: who may read one
/// (the two parties only), who may start one and how often, blocks, archives, reads and the mail.
/// </summary>
public sealed class Conversations(ElBasarDbContext db, OrganizationAccess access, MessagingMails mails, TimeProvider clock)
{
    /// <summary>New conversations a person may start in an hour, and the stricter count for new accounts.</summary>
    public const int PerHour = 20, PerHourNewAccount = 5;

    /// <summary>An account younger than this is new: spam comes from fresh accounts.</summary>
    public static readonly TimeSpan NewAccountAge = TimeSpan.FromDays(7);

    public const string EmptyMessage = "Écrivez votre message.";
    public const string LongMessage = "Le message doit faire au plus 5 000 caractères.";

    public static string Explain(MessageRefusal refusal) => refusal switch
    {
        MessageRefusal.NotMember => "Vous ne faites pas partie de cette structure : vous ne pouvez pas écrire en son nom.",
        MessageRefusal.OwnOrganization => "Vous faites partie de cette structure : choisissez une autre structure au nom de laquelle écrire.",
        MessageRefusal.Blocked => "Cette structure ne souhaite plus recevoir vos messages : vous ne pouvez pas lui écrire.",
        MessageRefusal.TooMany => $"Vous avez commencé {PerHour} conversations dans l'heure : attendez un peu avant d'en commencer une autre.",
        MessageRefusal.TooManyNewAccount => $"Votre compte a moins de 7 jours : vous pouvez commencer {PerHourNewAccount} conversations par heure. Attendez un peu avant d'en commencer une autre.",
        _ => "",
    };

    /// <summary>The problem with a message's text, in French, or null when it can be sent.</summary>
    public static string? Check(string? message) =>
        string.IsNullOrWhiteSpace(message) ? EmptyMessage : message.Trim().Length > ConversationMessage.MaxBodyLength ? LongMessage : null;

    /// <summary>A published listing of a visible organisation, or a visible organisation; null otherwise.</summary>
    public async Task<ContactTarget?> FindTargetAsync(Guid? listingId, Guid? organizationId, CancellationToken ct)
    {
        if (listingId is { } lid)
            return await db.Listings.AsNoTracking()
                .Where(l => l.Id == lid && l.Status == ListingStatus.Published && l.Organization!.Status == OrganizationStatus.Active)
                .Select(l => new ContactTarget(l.OrganizationId, l.Organization!.Name, l.Id, l.Title))
                .FirstOrDefaultAsync(ct);
        if (organizationId is { } oid)
            return await db.Organizations.AsNoTracking()
                .Where(o => o.Id == oid && o.Status == OrganizationStatus.Active)
                .Select(o => new ContactTarget(o.Id, o.Name, null, o.Name))
                .FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>
    /// Writes to the target's organisation for the person or one of their organisations. A second
    /// "Contacter" on the same subject, from the same side, continues the conversation already there.
    /// </summary>
    public async Task<StartResult> StartAsync(Guid userId, ContactTarget target, Guid? asOrganizationId, string message, string baseUrl, CancellationToken ct)
    {
        if (asOrganizationId is { } asOrg)
        {
            if (!await access.CanEditAsync(userId, asOrg, ct)) return new(null, MessageRefusal.NotMember);
            if (asOrg == target.OrganizationId) return new(null, MessageRefusal.OwnOrganization);
        }
        else if (await access.CanEditAsync(userId, target.OrganizationId, ct)) return new(null, MessageRefusal.OwnOrganization);
        if (await IsBlockedAsync(target.OrganizationId, userId, asOrganizationId, ct)) return new(null, MessageRefusal.Blocked);

        var existing = await db.Conversations.FirstOrDefaultAsync(c => c.OrganizationId == target.OrganizationId
            && c.ListingId == target.ListingId && c.IntroducedById == null
            && (asOrganizationId == null ? c.StarterOrganizationId == null && c.StarterUserId == userId : c.StarterOrganizationId == asOrganizationId), ct);
        if (existing is not null)
        {
            await AddMessageAsync(existing, userId, ConversationSide.Starter, message, baseUrl, ct);
            return new(existing, MessageRefusal.None);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var refusal = await RateLimitAsync(userId, now, ct);
        if (refusal != MessageRefusal.None) return new(null, refusal);
        var conversation = new Conversation
        {
            OrganizationId = target.OrganizationId, StarterUserId = userId, StarterOrganizationId = asOrganizationId,
            ListingId = target.ListingId, Subject = Cut(target.Subject, Conversation.MaxSubjectLength), CreatedAt = now, LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        await AddMessageAsync(conversation, userId, ConversationSide.Starter, message, baseUrl, ct);
        return new(conversation, MessageRefusal.None);
    }

    /// <summary>
    /// A facilitator puts a person in touch with an organisation: a new conversation on the person's
    /// behalf, opened by the facilitator's introduction, mailed to both sides. No rate limit, no block check:
    /// the facilitator answers for it.
    /// </summary>
    public async Task<Conversation> IntroduceAsync(Guid requesterId, ContactTarget target, Guid facilitatorId, string introduction, string baseUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var conversation = new Conversation
        {
            OrganizationId = target.OrganizationId, StarterUserId = requesterId, ListingId = target.ListingId,
            Subject = Cut(target.Subject, Conversation.MaxSubjectLength), IntroducedById = facilitatorId, CreatedAt = now, LastMessageAt = now,
        };
        db.Conversations.Add(conversation);
        await AddMessageAsync(conversation, facilitatorId, ConversationSide.Facilitator, introduction, baseUrl, ct);
        return conversation;
    }

    /// <summary>A reply by one of the parties; refused when the starting side was blocked by the organisation.</summary>
    public async Task<(ConversationMessage? Message, MessageRefusal Refusal)> ReplyAsync(ConversationAccess party, Guid userId, string message, string baseUrl, CancellationToken ct)
    {
        var c = party.Conversation;
        if (party.Side == ConversationSide.Starter && await IsBlockedAsync(c.OrganizationId, userId, c.StarterOrganizationId, ct))
            return (null, MessageRefusal.Blocked);
        return (await AddMessageAsync(c, userId, party.Side, message, baseUrl, ct), MessageRefusal.None);
    }

    async Task<ConversationMessage> AddMessageAsync(Conversation c, Guid authorId, ConversationSide side, string text, string baseUrl, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new ConversationMessage { ConversationId = c.Id, AuthorId = authorId, Side = side, Body = text.Trim(), CreatedAt = now };
        db.ConversationMessages.Add(message);
        c.LastMessageAt = now;
        // A new message brings an archived conversation back to both inboxes.
        c.StarterArchived = c.ReceiverArchived = false;
        await MarkReadAsync(c.Id, authorId, ct);

        var author = await db.Set<User>().Where(u => u.Id == authorId).Select(u => u.DisplayName).FirstAsync(ct);
        var names = await NamesAsync(c, ct);
        var from = side switch
        {
            ConversationSide.Receiver => $"{author} ({names.Receiver})",
            ConversationSide.Starter when c.StarterOrganizationId is not null => $"{author} ({names.Starter})",
            ConversationSide.Facilitator => $"{author}, de l'équipe d'animation du réseau",
            _ => author,
        };
        foreach (var to in await RecipientsAsync(c, side, authorId, ct))
            mails.NewMessage(to, from, c.Subject, message.Body, $"{baseUrl.TrimEnd('/')}/messages/{c.Id}", $"conversation-message:{message.Id}:{to.UserId}");
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>The conversation when the user is one of its parties, with their side; null for anyone else.</summary>
    public async Task<ConversationAccess?> FindForAsync(Guid conversationId, Guid userId, CancellationToken ct)
    {
        if (await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct) is not { } c) return null;
        if (c.StarterOrganizationId is { } starterOrganization
                ? await access.CanEditAsync(userId, starterOrganization, ct)
                : c.StarterUserId == userId)
            return new(c, ConversationSide.Starter);
        return await access.CanEditAsync(userId, c.OrganizationId, ct) ? new(c, ConversationSide.Receiver) : null;
    }

    public async Task MarkReadAsync(Guid conversationId, Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var read = await db.ConversationReads.FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.UserId == userId, ct);
        if (read is null) db.ConversationReads.Add(new ConversationRead { ConversationId = conversationId, UserId = userId, ReadAt = now });
        else if (read.ReadAt < now) read.ReadAt = now;
    }

    /// <summary>Archives (or brings back) the conversation for the whole of the user's side.</summary>
    public async Task ArchiveAsync(ConversationAccess party, bool archived, CancellationToken ct)
    {
        if (party.Side == ConversationSide.Starter) party.Conversation.StarterArchived = archived;
        else party.Conversation.ReceiverArchived = archived;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The receiving organisation stops (or resumes) taking messages from the conversation's starting side.</summary>
    public async Task BlockAsync(ConversationAccess party, Guid byUserId, bool blocked, CancellationToken ct)
    {
        if (party.Side != ConversationSide.Receiver) return;
        var c = party.Conversation;
        var existing = await db.ConversationBlocks.Where(b => b.OrganizationId == c.OrganizationId
            && ((c.StarterUserId != null && b.BlockedUserId == c.StarterUserId)
                || (c.StarterOrganizationId != null && b.BlockedOrganizationId == c.StarterOrganizationId))).ToListAsync(ct);
        if (blocked && existing.Count == 0 && (c.StarterUserId is not null || c.StarterOrganizationId is not null))
            db.ConversationBlocks.Add(new ConversationBlock
            {
                OrganizationId = c.OrganizationId, BlockedUserId = c.StarterUserId, BlockedOrganizationId = c.StarterOrganizationId,
                ConversationId = c.Id, BlockedById = byUserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        else if (!blocked) db.ConversationBlocks.RemoveRange(existing);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether the organisation blocked this person, or the organisation they write for.</summary>
    public Task<bool> IsBlockedAsync(Guid organizationId, Guid userId, Guid? asOrganizationId, CancellationToken ct) =>
        db.ConversationBlocks.AsNoTracking().AnyAsync(b => b.OrganizationId == organizationId
            && (b.BlockedUserId == userId || (asOrganizationId != null && b.BlockedOrganizationId == asOrganizationId)), ct);

    /// <summary>Whether the conversation's starting side is blocked by the receiving organisation.</summary>
    public Task<bool> StarterBlockedAsync(Conversation c, CancellationToken ct) =>
        db.ConversationBlocks.AsNoTracking().AnyAsync(b => b.OrganizationId == c.OrganizationId
            && ((c.StarterUserId != null && b.BlockedUserId == c.StarterUserId)
                || (c.StarterOrganizationId != null && b.BlockedOrganizationId == c.StarterOrganizationId)), ct);

    public async Task ReportAsync(ConversationAccess party, Guid reporterId, ReportReason reason, string? details, CancellationToken ct)
    {
        db.ConversationReports.Add(new ConversationReport
        {
            ConversationId = party.Conversation.Id, ReporterId = reporterId, Reason = reason,
            Details = string.IsNullOrWhiteSpace(details) ? null : details.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The names of both sides: the starter's organisation or the person (or "compte supprimé"), and the receiving organisation.</summary>
    public async Task<(string Starter, string Receiver)> NamesAsync(Conversation c, CancellationToken ct)
    {
        var receiver = await db.Organizations.Where(o => o.Id == c.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var starter = c.StarterOrganizationId is { } so
            ? await db.Organizations.Where(o => o.Id == so).Select(o => o.Name).FirstAsync(ct)
            : await db.Set<User>().Where(u => u.Id == c.StarterUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? ConversationView.DeletedAccount;
        return (starter, receiver);
    }

    async Task<MessageRefusal> RateLimitAsync(Guid userId, DateTime now, CancellationToken ct)
    {
        var since = now.AddHours(-1);
        var recent = await db.Conversations.CountAsync(c => c.StarterUserId == userId && c.IntroducedById == null && c.CreatedAt > since, ct);
        var created = await db.Set<User>().Where(u => u.Id == userId).Select(u => u.CreatedAt).FirstAsync(ct);
        var young = created > now - NewAccountAge;
        if (young && recent >= PerHourNewAccount) return MessageRefusal.TooManyNewAccount;
        return recent >= PerHour ? MessageRefusal.TooMany : MessageRefusal.None;
    }

    // The other side's people: the receiving organisation's owners and editors, or the starter
    // (their organisation's people when they wrote for one); never the author.
    async Task<List<Recipient>> RecipientsAsync(Conversation c, ConversationSide side, Guid authorId, CancellationToken ct)
    {
        var organizations = new List<Guid>();
        Guid? person = null;
        if (side != ConversationSide.Receiver) organizations.Add(c.OrganizationId);
        if (side != ConversationSide.Starter)
        {
            if (c.StarterOrganizationId is { } so) organizations.Add(so);
            else person = c.StarterUserId;
        }
        var members = db.OrganizationMembers;
        var people = await db.Set<User>().AsNoTracking()
            .Where(u => u.Id != authorId && u.Email != null
                && (u.Id == person || members.Any(m => m.UserId == u.Id && organizations.Contains(m.OrganizationId))))
            .Select(u => new Recipient(u.Id, u.Email!, u.DisplayName))
            .ToListAsync(ct);
        return people;
    }

    static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

public sealed record Recipient(Guid UserId, string Email, string Name);
