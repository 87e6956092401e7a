using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// An organisation no longer takes messages from a sender: the person who started a conversation,
/// and the organisation they wrote for, if any. Made from that conversation, lifted from it too.
/// </summary>
public sealed class ConversationBlock
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid? BlockedUserId { get; set; }
    public Guid? BlockedOrganizationId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? BlockedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class ConversationBlockConfiguration : IEntityTypeConfiguration<ConversationBlock>
{
    public void Configure(EntityTypeBuilder<ConversationBlock> e)
    {
        e.ToTable("conversation_blocks");
        e.HasKey(b => b.Id);
        e.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(b => b.BlockedOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(b => b.BlockedUserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(b => b.BlockedById).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Conversation>().WithMany().HasForeignKey(b => b.ConversationId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(b => new { b.OrganizationId, b.BlockedUserId });
        e.HasIndex(b => new { b.OrganizationId, b.BlockedOrganizationId });
        e.HasIndex(b => b.BlockedUserId);
        e.HasIndex(b => b.BlockedOrganizationId);
        e.HasIndex(b => b.ConversationId);
    }
}
