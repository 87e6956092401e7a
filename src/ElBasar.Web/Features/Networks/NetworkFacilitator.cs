using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Networks;

/// <summary>A person named by the installation's admins to run one network: accept organisations, agree partnerships.</summary>
public sealed class NetworkFacilitator
{
    public Guid NetworkId { get; set; }
    public Guid UserId { get; set; }
    public DateTime Since { get; set; }
}

sealed class NetworkFacilitatorConfiguration : IEntityTypeConfiguration<NetworkFacilitator>
{
    public void Configure(EntityTypeBuilder<NetworkFacilitator> e)
    {
        e.ToTable("network_facilitators");
        e.HasKey(f => new { f.NetworkId, f.UserId });
        e.HasOne<Network>().WithMany().HasForeignKey(f => f.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => f.UserId);
    }
}
