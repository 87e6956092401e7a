using ElBasar.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Administration.Audit;

/// <summary>
/// One line of the audit log (table <c>audit_entries</c>, migration 0031): who did what to which
/// subject, in plain French. Lines are only ever added.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxSummaryLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime At { get; init; }

    /// <summary>Null once the account is deleted, or for work nobody signed in did (a payment provider's notification).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>The name the person had then, so the line still reads after they change it or leave.</summary>
    public required string ActorName { get; init; }

    /// <summary>A stable key such as <c>role.granted</c>: see <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    public required string SubjectKind { get; init; }
    public string? SubjectId { get; init; }
    public required string Summary { get; init; }

    /// <summary>What changed, as JSON, when the summary cannot hold it.</summary>
    public string? Details { get; init; }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_entries");
        e.HasKey(a => a.Id);
        e.Property(a => a.Id).ValueGeneratedNever();
        e.Property(a => a.ActorName).HasMaxLength(200);
        e.Property(a => a.Action).HasMaxLength(60);
        e.Property(a => a.SubjectKind).HasMaxLength(40);
        e.Property(a => a.SubjectId).HasMaxLength(100);
        e.Property(a => a.Summary).HasMaxLength(AuditEntry.MaxSummaryLength);
        e.HasOne<User>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(a => a.At);
        e.HasIndex(a => a.ActorId);
        e.HasIndex(a => a.Action);
        e.HasIndex(a => new { a.SubjectKind, a.SubjectId });
    }
}
