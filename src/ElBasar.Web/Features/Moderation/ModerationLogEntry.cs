using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Moderation;

/// <summary>
/// One line of the moderation journal: who did what to which listing or organisation, why and
/// when. Never changed nor deleted; the actor's name and the subject's title are copied so the
/// line still reads once the account or the subject is gone.
/// </summary>
public sealed class ModerationLogEntry
{
    public const int MaxReasonLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public Guid ActorId { get; set; }
    public required string ActorName { get; set; }
    public ModerationSubjectKind SubjectKind { get; set; }
    public Guid SubjectId { get; set; }
    public required string SubjectTitle { get; set; }
    public ModerationAction Action { get; set; }
    public string? Reason { get; set; }

    /// <summary>For <see cref="ModerationAction.Hide"/> of a listing: its status before, which a restore brings back.</summary>
    public string? PreviousStatus { get; set; }
}

public enum ModerationAction { Hide, Restore, Dismiss }

sealed class ModerationLogEntryConfiguration : IEntityTypeConfiguration<ModerationLogEntry>
{
    public void Configure(EntityTypeBuilder<ModerationLogEntry> e)
    {
        e.ToTable("moderation_log");
        e.HasKey(l => l.Id);
        e.Property(l => l.ActorName).HasMaxLength(200);
        e.Property(l => l.SubjectKind).HasSlugConversion().HasMaxLength(20);
        e.Property(l => l.SubjectTitle).HasMaxLength(200);
        e.Property(l => l.Action).HasSlugConversion().HasMaxLength(20);
        e.Property(l => l.Reason).HasMaxLength(ModerationLogEntry.MaxReasonLength);
        e.Property(l => l.PreviousStatus).HasMaxLength(20);
        e.HasIndex(l => l.At);
        e.HasIndex(l => new { l.SubjectKind, l.SubjectId, l.At });
    }
}
