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

    /// <summary>The network's colours on its pages, as <c>#rrggbb</c>; null for the site's own.</summary>
    public string? PrimaryColour { get; set; }
    public string? AccentColour { get; set; }

    /// <summary>The charter and the membership rules and fees of a network other than the home one (the home one's charter is versioned, see Charter/).</summary>
    public string? Charter { get; set; }
    public string? MembershipRules { get; set; }

    /// <summary>A host name whose requests show this network's home page at <c>/</c>; null when it has none.</summary>
    public string? HostName { get; set; }

    /// <summary>The widest visibility its publishers may give a listing.</summary>
    public Listings.ListingVisibility WidestVisibility { get; set; } = Listings.ListingVisibility.Everyone;
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
        e.Property(n => n.PrimaryColour).HasMaxLength(7);
        e.Property(n => n.AccentColour).HasMaxLength(7);
        e.Property(n => n.Charter).HasMaxLength(20000);
        e.Property(n => n.MembershipRules).HasMaxLength(20000);
        e.Property(n => n.HostName).HasMaxLength(253);
        e.HasIndex(n => n.HostName).IsUnique();
        e.Property(n => n.WidestVisibility).HasSlugConversion().HasMaxLength(20);
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
