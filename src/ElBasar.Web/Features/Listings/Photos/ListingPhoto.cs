using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>
/// A photo of a listing (table <c>listing_photos</c>, migration 0016), cleaned by <see cref="PhotoSanitizer"/>
/// and stored in the database so that every web node serves it. Never changes once stored: its id is its
/// version (a new upload is a new id), so it may be cached for ever.
/// </summary>
/// <remarks>Read with projections: loading the entity loads its bytes (up to 5 Mo).</remarks>
public sealed class ListingPhoto
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ListingId { get; init; }

    /// <summary>0 for the first photo (the one on listing cards), then 1, 2...</summary>
    public int Position { get; set; }

    public required string ContentType { get; init; }
    public required byte[] Bytes { get; init; }
    public int Size { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>What the photo shows, in a few words: its alternative text for people who do not see it.</summary>
    public string? Description { get; set; }

    public DateTime CreatedAt { get; init; }
}

sealed class ListingPhotoConfiguration : IEntityTypeConfiguration<ListingPhoto>
{
    public void Configure(EntityTypeBuilder<ListingPhoto> e)
    {
        e.ToTable("listing_photos");
        e.HasKey(p => p.Id);
        e.Property(p => p.Id).ValueGeneratedNever();
        e.Property(p => p.ContentType).HasMaxLength(20);
        e.Property(p => p.Description).HasMaxLength(ListingPhotos.MaxDescriptionLength);
        e.HasOne<Listing>().WithMany(l => l.Photos).HasForeignKey(p => p.ListingId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(p => new { p.ListingId, p.Position });
    }
}
