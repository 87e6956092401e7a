using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Directory.Charter;

/// <summary>One version of the network's charter. A version is never edited: saving the text makes the next one.</summary>
public sealed class CharterVersion
{
    public int Version { get; init; }
    public required string Text { get; init; }
    public DateTime PublishedAt { get; init; }
    public Guid? PublishedById { get; init; }

    public const int MaxTextLength = 20000;
}

/// <summary>Who accepted which version of the charter, for which organisation, and when: the record of a joining.</summary>
public sealed class CharterAcceptance
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid? UserId { get; init; }
    public int CharterVersion { get; init; }
    public DateTime AcceptedAt { get; init; }
}

sealed class CharterConfiguration : IEntityTypeConfiguration<CharterVersion>, IEntityTypeConfiguration<CharterAcceptance>
{
    public void Configure(EntityTypeBuilder<CharterVersion> e)
    {
        e.ToTable("charter_versions");
        e.HasKey(v => v.Version);
        e.Property(v => v.Version).ValueGeneratedNever();
        e.Property(v => v.Text).HasMaxLength(CharterVersion.MaxTextLength);
        e.HasOne<User>().WithMany().HasForeignKey(v => v.PublishedById).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<CharterAcceptance> e)
    {
        e.ToTable("charter_acceptances");
        e.HasKey(a => a.Id);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // The record outlives the account that signed it.
        e.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<CharterVersion>().WithMany().HasForeignKey(a => a.CharterVersion).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => a.OrganizationId);
    }
}
