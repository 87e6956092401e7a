using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory.Logo;

/// <summary>
/// An organisation's logo (table <c>organization_logos</c>, migration 0020), cleaned like listing
/// photos and kept in the database. A new upload is a new row with a new id, so a logo's address
/// never changes its content and may be cached for ever.
/// </summary>
/// <remarks>Read with projections: loading the entity loads its bytes.</remarks>
public sealed class OrganizationLogo
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Bytes { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public DateTime CreatedAt { get; init; }
}

sealed class OrganizationLogoConfiguration : IEntityTypeConfiguration<OrganizationLogo>
{
    public void Configure(EntityTypeBuilder<OrganizationLogo> e)
    {
        e.ToTable("organization_logos");
        e.HasKey(l => l.Id);
        e.Property(l => l.Id).ValueGeneratedNever();
        e.Property(l => l.ContentType).HasMaxLength(20);
        e.HasOne<Organization>().WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => l.OrganizationId).IsUnique();
    }
}

/// <summary>The logo of an organisation, without its bytes.</summary>
public sealed record LogoInfo(Guid Id, int Width, int Height);

public static class OrganizationLogos
{
    /// <summary>The largest file accepted, as for listing photos.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public static Task<LogoInfo?> FindAsync(ElBasarDbContext db, Guid organizationId, CancellationToken ct) =>
        db.Set<OrganizationLogo>().AsNoTracking().Where(l => l.OrganizationId == organizationId)
            .Select(l => new LogoInfo(l.Id, l.Width, l.Height)).FirstOrDefaultAsync(ct);
}
