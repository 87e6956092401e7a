using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>A person asks to act for an organisation; one of its owners approves (with a role) or declines.</summary>
public sealed class JoinRequest
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public string? Message { get; set; }
    public JoinRequestStatus Status { get; set; } = JoinRequestStatus.Pending;
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public Guid? DecidedById { get; set; }

    public const int MaxMessageLength = 1000;
}

public enum JoinRequestStatus { Pending, Approved, Declined }

sealed class JoinRequestConfiguration : IEntityTypeConfiguration<JoinRequest>
{
    public void Configure(EntityTypeBuilder<JoinRequest> e)
    {
        e.ToTable("organization_join_requests");
        e.HasKey(r => r.Id);
        e.Property(r => r.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Message).HasMaxLength(JoinRequest.MaxMessageLength);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.DecidedById).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.OrganizationId, r.Status });
        // One pending request per person and organisation; decided ones stay as history.
        e.HasIndex(r => new { r.UserId, r.OrganizationId }).IsUnique().HasFilter("status = 'pending'");
    }
}
