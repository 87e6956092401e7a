using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// An organisation's "tell us about demands that match what we offer": while the row exists, the
/// demands its live offers answer are mailed to its owners, at once or in a digest. Turned off by
/// deleting it (from the organisation's page or the signed link of a mail).
/// </summary>
public sealed class DemandWatch
{
    public Guid OrganizationId { get; init; }
    public AlertFrequency Frequency { get; set; }

    /// <summary>When a digest is next due; null for instant mails.</summary>
    public DateTime? NextDigestAt { get; set; }

    /// <summary>Signs the mails' one-click link that turns the watch off.</summary>
    public required string Secret { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? LastSentAt { get; set; }
}

/// <summary>A demand one of the organisation's offers answers: recorded once, sent once.</summary>
public sealed class DemandWatchMatch
{
    public Guid OrganizationId { get; init; }
    public Guid DemandId { get; init; }

    /// <summary>The organisation's offer that answers it, named in the mail.</summary>
    public Guid OfferId { get; init; }

    public DateTime MatchedAt { get; init; }
    public DateTime? SentAt { get; set; }
}

sealed class DemandWatchConfiguration : IEntityTypeConfiguration<DemandWatch>, IEntityTypeConfiguration<DemandWatchMatch>
{
    public void Configure(EntityTypeBuilder<DemandWatch> e)
    {
        e.ToTable("demand_watches");
        e.HasKey(w => w.OrganizationId);
        e.Property(w => w.Frequency).HasSlugConversion().HasMaxLength(20);
        e.Property(w => w.Secret).HasMaxLength(64);
        e.HasOne<Organization>().WithOne().HasForeignKey<DemandWatch>(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DemandWatchMatch> e)
    {
        e.ToTable("demand_watch_matches");
        e.HasKey(m => new { m.OrganizationId, m.DemandId });
        e.HasIndex(m => m.DemandId);
        e.HasIndex(m => m.OfferId);
        e.HasOne<DemandWatch>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(m => m.DemandId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(m => m.OfferId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class DemandWatchData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<DemandWatch> DemandWatches => db.Set<DemandWatch>();
        public DbSet<DemandWatchMatch> DemandWatchMatches => db.Set<DemandWatchMatch>();
    }
}
