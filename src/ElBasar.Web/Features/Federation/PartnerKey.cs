using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Federation;

/// <summary>A key given to a partner installation: it opens partner-only listings in the feed. Only its hash is kept.</summary>
public sealed class PartnerKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Who holds it, as the admin named them ("Réseau ESS de Picardie").</summary>
    public required string Name { get; set; }
    public required string KeyHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
}

sealed class PartnerKeyConfiguration : IEntityTypeConfiguration<PartnerKey>
{
    public void Configure(EntityTypeBuilder<PartnerKey> e)
    {
        e.ToTable("partner_keys");
        e.HasKey(k => k.Id);
        e.Property(k => k.Name).HasMaxLength(200);
        e.Property(k => k.KeyHash).HasMaxLength(64);
        e.HasIndex(k => k.KeyHash).IsUnique();
    }
}
