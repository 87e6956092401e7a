using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Something an organisation lends: identical units (three tents are one item of quantity 3), with the
/// terms of the loan. Its title, description, category, photos and place are those of its listing
/// (kind offer, mode "loan"), which is what search, facets and the map show.
/// </summary>
public sealed class LendingItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid ListingId { get; set; }
    public Listing? Listing { get; set; }
    public int Quantity { get; set; } = 1;
    public decimal? DepositEur { get; set; }
    public decimal? FeeEur { get; set; }
    public string? Conditions { get; set; }
    public string? PickupPlace { get; set; }
    public string? PickupHours { get; set; }
    public LendingAudience Audience { get; set; } = LendingAudience.Members;
    public bool AutoApprove { get; set; }
    public int MaxLoanDays { get; set; } = 14;
    public DateTime CreatedAt { get; set; }
}

/// <summary>Who may borrow: organisations of the network only, or also individuals and partner networks.</summary>
public enum LendingAudience { Members, Everyone }

/// <summary>A day the owner took the item out of the calendar (repairs, its own use): no unit is lent that day.</summary>
public sealed class LendingBlock
{
    public Guid ItemId { get; set; }
    public DateOnly Day { get; set; }
}

sealed class LendingItemConfiguration : IEntityTypeConfiguration<LendingItem>
{
    public void Configure(EntityTypeBuilder<LendingItem> e)
    {
        e.ToTable("lending_items");
        e.HasKey(i => i.Id);
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(i => i.Listing).WithMany().HasForeignKey(i => i.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(i => i.ListingId).IsUnique();
        e.HasIndex(i => i.OrganizationId);
        e.Property(i => i.DepositEur).HasPrecision(12, 2);
        e.Property(i => i.FeeEur).HasPrecision(12, 2);
        e.Property(i => i.Conditions).HasMaxLength(5000);
        e.Property(i => i.PickupPlace).HasMaxLength(300);
        e.Property(i => i.PickupHours).HasMaxLength(300);
        e.Property(i => i.Audience).HasSlugConversion().HasMaxLength(20);
    }
}

sealed class LendingBlockConfiguration : IEntityTypeConfiguration<LendingBlock>
{
    public void Configure(EntityTypeBuilder<LendingBlock> e)
    {
        e.ToTable("lending_blocks");
        e.HasKey(b => new { b.ItemId, b.Day });
        e.HasOne<LendingItem>().WithMany().HasForeignKey(b => b.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}
