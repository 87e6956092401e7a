using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory;

/// <summary>A person who acts for an organisation, as its owner or one of its editors.</summary>
public sealed class OrganizationMember
{
    public Guid OrganizationId { get; set; }
    public Guid UserId { get; set; }
    public OrganizationRole Role { get; set; }
    public DateTime Since { get; set; }
}

/// <summary>
/// Owners edit the profile and manage the people (requests, roles, the network's charter); editors
/// edit the profile and publish. An organisation always keeps at least one owner.
/// </summary>
public enum OrganizationRole { Owner, Editor }

sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> e)
    {
        e.ToTable("organization_members");
        e.HasKey(m => new { m.OrganizationId, m.UserId });
        e.Property(m => m.Role).HasSlugConversion().HasMaxLength(20);
        e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.UserId);
    }
}
