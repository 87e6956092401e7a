using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory;

/// <summary>
/// A network of organisations sharing this elBasar. The install's own network is the
/// "home" one; partner networks (the lending community shared with another network)
/// join later and see what listings open to them.
/// </summary>
public sealed class Network
{
    public const string HomeSlug = "reseau";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public bool IsHome { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>An organisation appears in a network; <see cref="IsMember"/> says whether it joined it (charter, fee).</summary>
public sealed class NetworkMembership
{
    public Guid NetworkId { get; set; }
    public Guid OrganizationId { get; set; }
    public bool IsMember { get; set; }
    public DateTime Since { get; set; }
}

sealed class NetworkConfiguration : IEntityTypeConfiguration<Network>
{
    public void Configure(EntityTypeBuilder<Network> e)
    {
        e.ToTable("networks");
        e.HasKey(n => n.Id);
        e.Property(n => n.Slug).HasMaxLength(60);
        e.Property(n => n.Name).HasMaxLength(200);
        e.HasIndex(n => n.Slug).IsUnique();
    }
}

sealed class NetworkMembershipConfiguration : IEntityTypeConfiguration<NetworkMembership>
{
    public void Configure(EntityTypeBuilder<NetworkMembership> e)
    {
        e.ToTable("network_memberships");
        e.HasKey(m => new { m.NetworkId, m.OrganizationId });
        e.HasOne<Network>().WithMany().HasForeignKey(m => m.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(m => m.OrganizationId);
    }
}
