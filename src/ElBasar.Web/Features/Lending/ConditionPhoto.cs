using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// A photo of the item's condition taken at pickup or at return, cleaned like listing photos
/// (<see cref="PhotoSanitizer"/>), kept in the database and shown to the reservation's parties only.
/// </summary>
public sealed class ConditionPhoto
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ReservationId { get; set; }

    /// <summary>"checkout" or "return".</summary>
    public required string Stage { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTime CreatedAt { get; set; }

    public const string Checkout = "checkout";
    public const string Return = "return";
}

sealed class ConditionPhotoConfiguration : IEntityTypeConfiguration<ConditionPhoto>
{
    public void Configure(EntityTypeBuilder<ConditionPhoto> e)
    {
        e.ToTable("lending_condition_photos");
        e.HasKey(p => p.Id);
        e.Property(p => p.Stage).HasMaxLength(20);
        e.Property(p => p.ContentType).HasMaxLength(20);
        e.HasOne<Reservation>().WithMany().HasForeignKey(p => p.ReservationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => p.ReservationId);
    }
}
