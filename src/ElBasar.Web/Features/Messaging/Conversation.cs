using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// A conversation between a starting side (a person, or an organisation when
/// <see cref="StarterOrganizationId"/> is set) and a receiving organisation, whose owners and
/// editors all read it. About a listing, or about the organisation in general.
/// </summary>
public sealed class Conversation
{
    public const int MaxSubjectLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The receiving organisation.</summary>
    public Guid OrganizationId { get; set; }

    /// <summary>Who started it; null once that account is deleted.</summary>
    public Guid? StarterUserId { get; set; }

    /// <summary>The organisation the starter acted for; null when they wrote in their own name.</summary>
    public Guid? StarterOrganizationId { get; set; }

    public Guid? ListingId { get; set; }
    public required string Subject { get; set; }

    /// <summary>The facilitator who put both parties in touch (the hotline), when it is so.</summary>
    public Guid? IntroducedById { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    public bool StarterArchived { get; set; }
    public bool ReceiverArchived { get; set; }
}

/// <summary>Which side a message was written for; a facilitator's introduction belongs to neither.</summary>
public enum ConversationSide { Starter, Receiver, Facilitator }

/// <summary>One message, plain text. The author goes when their account does; the text stays for the other side.</summary>
public sealed class ConversationMessage
{
    public const int MaxBodyLength = 5000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }
    public Guid? AuthorId { get; set; }
    public ConversationSide Side { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>Until when a person has read a conversation: what is newer, and not theirs, is unread.</summary>
public sealed class ConversationRead
{
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public DateTime ReadAt { get; set; }
}

sealed class ConversationConfiguration :
    IEntityTypeConfiguration<Conversation>, IEntityTypeConfiguration<ConversationMessage>, IEntityTypeConfiguration<ConversationRead>
{
    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.ToTable("conversations");
        e.HasKey(c => c.Id);
        e.Property(c => c.Subject).HasMaxLength(Conversation.MaxSubjectLength);
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(c => c.StarterOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(c => c.StarterUserId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Listing>().WithMany().HasForeignKey(c => c.ListingId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(c => new { c.OrganizationId, c.LastMessageAt });
        e.HasIndex(c => new { c.StarterOrganizationId, c.LastMessageAt });
        // The rate limit counts a person's recent conversations.
        e.HasIndex(c => new { c.StarterUserId, c.CreatedAt });
        e.HasIndex(c => c.ListingId);
    }

    public void Configure(EntityTypeBuilder<ConversationMessage> e)
    {
        e.ToTable("conversation_messages");
        e.HasKey(m => m.Id);
        e.Property(m => m.Side).HasSlugConversion().HasMaxLength(20);
        e.Property(m => m.Body).HasMaxLength(ConversationMessage.MaxBodyLength);
        e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        e.HasIndex(m => m.AuthorId);
    }

    public void Configure(EntityTypeBuilder<ConversationRead> e)
    {
        e.ToTable("conversation_reads");
        e.HasKey(r => new { r.ConversationId, r.UserId });
        e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.UserId);
    }
}
