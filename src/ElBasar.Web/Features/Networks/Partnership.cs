using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// Two networks of the installation agree to share: one proposes, the other accepts or declines,
/// either ends it. What is shared goes in <see cref="Direction"/>, to <see cref="Audience"/>.
/// </summary>
public sealed class Partnership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProposerNetworkId { get; set; }
    public Guid PartnerNetworkId { get; set; }
    public bool SharesListings { get; set; }
    public bool SharesItems { get; set; }
    public bool SharesEvents { get; set; }
    public PartnershipDirection Direction { get; set; }
    public PartnershipAudience Audience { get; set; }
    public PartnershipStatus Status { get; set; }
    public DateTime ProposedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    /// <summary>Whether what <paramref name="from"/> publishes goes to <paramref name="to"/> under this partnership.</summary>
    public bool Flows(Guid from, Guid to) => Direction switch
    {
        PartnershipDirection.Both => (from == ProposerNetworkId && to == PartnerNetworkId) || (from == PartnerNetworkId && to == ProposerNetworkId),
        PartnershipDirection.ToPartner => from == ProposerNetworkId && to == PartnerNetworkId,
        _ => from == PartnerNetworkId && to == ProposerNetworkId,
    };

    public Guid Other(Guid network) => network == ProposerNetworkId ? PartnerNetworkId : ProposerNetworkId;
}

/// <summary>What a partnership may share: each follows its own flag (<see cref="Partnership.SharesListings"/> and the others).</summary>
public enum Shared { Listings, Items, Events }

/// <summary>Both ways, from the proposer to the partner only, or from the partner to the proposer only.</summary>
public enum PartnershipDirection { Both, ToPartner, ToProposer }

/// <summary>Who sees what is shared on the receiving network: its signed-in members only, or its public.</summary>
public enum PartnershipAudience { Members, Public }

public enum PartnershipStatus { Proposed, Active, Declined, Ended }

sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> e)
    {
        e.ToTable("network_partnerships");
        e.HasKey(p => p.Id);
        e.Property(p => p.Direction).HasSlugConversion().HasMaxLength(20);
        e.Property(p => p.Audience).HasSlugConversion().HasMaxLength(20);
        e.Property(p => p.Status).HasSlugConversion().HasMaxLength(20);
        e.HasOne<Network>().WithMany().HasForeignKey(p => p.ProposerNetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Network>().WithMany().HasForeignKey(p => p.PartnerNetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => p.ProposerNetworkId);
        e.HasIndex(p => p.PartnerNetworkId);
    }
}
