using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Someone signed in says a listing or an organisation's profile breaks the network's rules.</summary>
public sealed class ModerationReport
{
    public const int MaxDetailsLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ModerationSubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Details { get; set; }
    public Guid ReporterId { get; set; }
    public DateTime CreatedAt { get; set; }
    public ReportStatus Status { get; set; } = ReportStatus.Open;
    public DateTime? ResolvedAt { get; set; }
    public Guid? ResolvedById { get; set; }
}

/// <summary>What can be reported and moderated (a recommendation is Features/Exchanges'); the slugs name them in the database and in addresses.</summary>
public enum ModerationSubjectKind { Listing, Organization, Recommendation }

public enum ReportReason { Fraud, Offensive, Spam, Misleading, Other }

/// <summary>Open until a facilitator hides the subject or closes the report without action.</summary>
public enum ReportStatus { Open, Hidden, Dismissed }

sealed class ModerationReportConfiguration : IEntityTypeConfiguration<ModerationReport>
{
    public void Configure(EntityTypeBuilder<ModerationReport> e)
    {
        e.ToTable("moderation_reports");
        e.HasKey(r => r.Id);
        e.Property(r => r.SubjectKind).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Reason).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Details).HasMaxLength(ModerationReport.MaxDetailsLength);
        // The queue: open reports, newest first.
        e.HasIndex(r => new { r.Status, r.CreatedAt });
        e.HasIndex(r => new { r.SubjectKind, r.SubjectId });
        e.HasOne<User>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}
