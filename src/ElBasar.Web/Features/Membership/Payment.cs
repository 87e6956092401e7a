using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Membership;

/// <summary>
/// What an organisation owes for a listing: publishing it (a non-member's listing) or featuring it
/// for a month. Pending until a provider says it is paid (the manual provider: a facilitator records
/// it) or a facilitator waives it; then its effect is applied, once.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid ListingId { get; init; }
    public PaymentPurpose Purpose { get; init; }
    public decimal AmountEur { get; init; }
    public PaymentStatus Status { get; set; }

    /// <summary>The provider that takes it (<see cref="IPaymentProvider.Name"/>).</summary>
    public required string Provider { get; init; }
    public PaymentMethod? PaidWith { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SettledAt { get; set; }
    public Guid? SettledById { get; set; }
}

public enum PaymentPurpose { Listing, Feature }

public enum PaymentStatus { Pending, Paid, Waived, Cancelled }

sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> e)
    {
        e.ToTable("payments");
        e.HasKey(p => p.Id);
        e.Property(p => p.Purpose).HasSlugConversion().HasMaxLength(20);
        e.Property(p => p.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(p => p.Provider).HasMaxLength(40);
        e.Property(p => p.PaidWith).HasConversion(v => Slug.Of(v!.Value), v => Slug.Parse<PaymentMethod>(v)).HasMaxLength(20);
        e.Property(p => p.AmountEur).HasPrecision(10, 2);
        e.HasIndex(p => new { p.Status, p.CreatedAt });
        e.HasIndex(p => p.ListingId);
        e.HasIndex(p => p.OrganizationId);
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(p => p.SettledById).OnDelete(DeleteBehavior.SetNull);
    }
}

public static class PaymentData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Payment> Payments => db.Set<Payment>();
    }
}
