using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// A listing of a partner installation, as its feed last gave it. It is shown with its origin and
/// a link to the original (contact happens there); it goes when the feed says <c>delete</c>.
/// </summary>
public sealed class RemoteListing
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; init; }
    public PartnerInstallation? Partner { get; set; }

    /// <summary>The listing's <c>externalId</c> in the partner's feed.</summary>
    public required string RemoteId { get; init; }
    public required string RemoteUrl { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public required string Category { get; set; }

    /// <summary>The exchange modes, space-separated slugs.</summary>
    public string Modes { get; set; } = "";
    public decimal? Price { get; set; }
    public string? CommuneInsee { get; set; }
    public string? Commune { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? OrganizationName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>Title and description as the search analyser sees them (<c>SearchAnalyzer.AnalyzeDocument</c>).</summary>
    public string SearchText { get; set; } = "";
}

sealed class RemoteListingConfiguration : IEntityTypeConfiguration<RemoteListing>
{
    public void Configure(EntityTypeBuilder<RemoteListing> e)
    {
        e.ToTable("remote_listings");
        e.HasKey(r => r.Id);
        e.HasOne(r => r.Partner).WithMany().HasForeignKey(r => r.PartnerId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.PartnerId, r.RemoteId }).IsUnique();
        e.HasIndex(r => r.CreatedAt);
        e.Property(r => r.RemoteId).HasMaxLength(100);
        e.Property(r => r.RemoteUrl).HasMaxLength(500);
        e.Property(r => r.Kind).HasMaxLength(20);
        e.Property(r => r.Title).HasMaxLength(150);
        e.Property(r => r.Description).HasMaxLength(10000);
        e.Property(r => r.Category).HasMaxLength(40);
        e.Property(r => r.Modes).HasMaxLength(500);
        e.Property(r => r.Price).HasPrecision(12, 2);
        e.Property(r => r.CommuneInsee).HasMaxLength(5);
        e.Property(r => r.Commune).HasMaxLength(200);
        e.Property(r => r.OrganizationName).HasMaxLength(200);
    }
}
