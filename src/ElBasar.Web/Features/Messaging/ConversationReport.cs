using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// A party says a conversation breaks the network's rules. Kept here rather than as a moderation
/// subject: moderation hides public pages, and a conversation has none (see README).
/// </summary>
public sealed class ConversationReport
{
    public const int MaxDetailsLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ConversationId { get; set; }
    public Guid ReporterId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Details { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedById { get; set; }
}

sealed class ConversationReportConfiguration : IEntityTypeConfiguration<ConversationReport>
{
    public void Configure(EntityTypeBuilder<ConversationReport> e)
    {
        e.ToTable("conversation_reports");
        e.HasKey(r => r.Id);
        e.Property(r => r.Reason).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Details).HasMaxLength(ConversationReport.MaxDetailsLength);
        e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.ClosedById).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.ClosedAt, r.CreatedAt });
        e.HasIndex(r => r.ConversationId);
        e.HasIndex(r => r.ReporterId);
        e.HasIndex(r => r.ClosedById);
    }
}

public static class MessagingData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Conversation> Conversations => db.Set<Conversation>();
        public DbSet<ConversationMessage> ConversationMessages => db.Set<ConversationMessage>();
        public DbSet<ConversationRead> ConversationReads => db.Set<ConversationRead>();
        public DbSet<ConversationBlock> ConversationBlocks => db.Set<ConversationBlock>();
        public DbSet<ConversationReport> ConversationReports => db.Set<ConversationReport>();
    }
}
