using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// Another elBasar whose feed this site follows: its listings are shown here, marked as theirs
/// (<see cref="RemoteListing"/>). <see cref="FederationJob"/> reads its feed from <see cref="Cursor"/>.
/// </summary>
public sealed class PartnerInstallation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The network's name as people read it: "Annonce du réseau {Name}".</summary>
    public required string Name { get; set; }

    /// <summary>The site's address, without a trailing slash ("https://ess-picardie.example.org").</summary>
    public required string BaseUrl { get; set; }

    /// <summary>The key it gave us for its partner-only listings, if any: sent as is, so kept as is.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the next read of its feed starts; null: from the beginning.</summary>
    public string? Cursor { get; set; }

    public DateTime CreatedAt { get; init; }
    public DateTime NextSyncAt { get; set; }

    /// <summary>Set by the node reading the feed, so that no other node reads it at the same time.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public DateTime? LastSuccessAt { get; set; }

    /// <summary>Why the last read failed, in French, for the admin page; null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>Reads failed in a row: each one waits longer before the next try.</summary>
    public int Failures { get; set; }
}

sealed class PartnerInstallationConfiguration : IEntityTypeConfiguration<PartnerInstallation>
{
    public void Configure(EntityTypeBuilder<PartnerInstallation> e)
    {
        e.ToTable("partner_installations");
        e.HasKey(p => p.Id);
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.BaseUrl).HasMaxLength(500);
        e.HasIndex(p => p.BaseUrl).IsUnique();
        e.Property(p => p.ApiKey).HasMaxLength(200);
        e.Property(p => p.Cursor).HasMaxLength(100);
        e.Property(p => p.LastError).HasMaxLength(500);
    }
}
