using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Federation;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// A search a person keeps, with how often they want to hear of new listings it finds. The query
/// is kept as typed (<see cref="QueryJson"/>, shown and edited) and as the matcher reads it: the
/// analysed concepts and the filters, in columns (see <see cref="SavedSearchProfile"/>).
/// </summary>
public sealed class SavedSearch
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }

    /// <summary>
    /// The network the search was saved in (the current network then): it alerts about what
    /// <c>/recherche</c> in that network shows its owner, its own listings and those partners share towards it.
    /// </summary>
    public Guid NetworkId { get; set; }

    public required string Name { get; set; }

    /// <summary>The search parameters as the API names them (<see cref="SavedSearchQuery"/>), as JSON.</summary>
    public required string QueryJson { get; set; }

    public AlertFrequency Frequency { get; set; }
    public bool Paused { get; set; }

    /// <summary>The analysed text: concepts separated by "|", their alternatives by ",", stems by spaces; empty without text.</summary>
    public string Analysis { get; set; } = "";

    public ListingKind? Kind { get; set; }

    /// <summary>Category slugs, " a b " (empty: any).</summary>
    public string Categories { get; set; } = "";

    /// <summary>Exchange mode slugs, " a b " (empty: any).</summary>
    public string Modes { get; set; } = "";

    public bool? Market { get; set; }

    /// <summary>A commune, EPCI or département code.</summary>
    public string? Territory { get; set; }

    /// <summary>The commune searched as such when a radius was asked around a commune without any known place.</summary>
    public string? CommuneFilter { get; set; }

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public double? RadiusKm { get; set; }

    /// <summary>The private address of the search's Atom feed (<c>/alertes/{token}.atom</c>).</summary>
    public required string FeedToken { get; set; }

    /// <summary>The key the one-click unsubscribe links of this search are signed with; never leaves the server.</summary>
    public required string Secret { get; set; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When a digest (daily, weekly) may next be sent; null for instant alerts.</summary>
    public DateTime? NextDigestAt { get; set; }

    public DateTime? LastSentAt { get; set; }
}

/// <summary>How often a saved search mails: each new batch within a minute, once a day, once a week.</summary>
public enum AlertFrequency { Instant, Daily, Weekly }

/// <summary>One row of the alert index: a live saved search is found by any of its keys (a stem, or a filter key without text).</summary>
public sealed class SavedSearchKey
{
    public Guid SavedSearchId { get; init; }
    public required string Key { get; init; }
    public ListingKind? Kind { get; init; }
    public double? MinLat { get; init; }
    public double? MaxLat { get; init; }
    public double? MinLon { get; init; }
    public double? MaxLon { get; init; }
}

/// <summary>A listing a saved search found: recorded once, sent once.</summary>
public sealed class SavedSearchMatch
{
    public Guid SavedSearchId { get; init; }
    public Guid ListingId { get; init; }
    public DateTime MatchedAt { get; init; }
    public DateTime? SentAt { get; set; }
}

/// <summary>
/// A partner installation's listing a saved search found: recorded once, sent once. It is kept by
/// the partner and the listing's id there, not by the <c>remote_listings</c> row, which the sync
/// removes when the listing is withdrawn at the source and makes anew if it comes back.
/// </summary>
public sealed class SavedSearchRemoteMatch
{
    public Guid SavedSearchId { get; init; }
    public Guid PartnerId { get; init; }
    public required string RemoteId { get; init; }
    public DateTime MatchedAt { get; init; }
    public DateTime? SentAt { get; set; }
}

sealed class SavedSearchConfiguration :
    IEntityTypeConfiguration<SavedSearch>, IEntityTypeConfiguration<SavedSearchKey>, IEntityTypeConfiguration<SavedSearchMatch>,
    IEntityTypeConfiguration<SavedSearchRemoteMatch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> e)
    {
        e.ToTable("saved_searches");
        e.HasKey(s => s.Id);
        e.Property(s => s.Name).HasMaxLength(SavedSearchInput.MaxNameLength);
        e.Property(s => s.QueryJson).HasMaxLength(4000);
        e.Property(s => s.Frequency).HasSlugConversion().HasMaxLength(20);
        e.Property(s => s.Analysis).HasMaxLength(4000);
        e.Property(s => s.Kind).HasConversion(v => Slug.Of(v!.Value), v => Slug.Parse<ListingKind>(v)).HasMaxLength(20);
        e.Property(s => s.Categories).HasMaxLength(1000);
        e.Property(s => s.Modes).HasMaxLength(1000);
        e.Property(s => s.Territory).HasMaxLength(20);
        e.Property(s => s.CommuneFilter).HasMaxLength(5);
        e.Property(s => s.FeedToken).HasMaxLength(64);
        e.Property(s => s.Secret).HasMaxLength(64);
        e.HasIndex(s => s.UserId);
        e.HasIndex(s => s.FeedToken).IsUnique();
        e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Network>().WithMany().HasForeignKey(s => s.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(s => s.NetworkId);
    }

    public void Configure(EntityTypeBuilder<SavedSearchKey> e)
    {
        e.ToTable("saved_search_keys");
        e.HasKey(k => new { k.SavedSearchId, k.Key });
        e.Property(k => k.Key).HasMaxLength(100);
        e.Property(k => k.Kind).HasConversion(v => Slug.Of(v!.Value), v => Slug.Parse<ListingKind>(v)).HasMaxLength(20);
        e.HasIndex(k => k.Key);
        e.HasOne<SavedSearch>().WithMany().HasForeignKey(k => k.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SavedSearchMatch> e)
    {
        e.ToTable("saved_search_matches");
        e.HasKey(m => new { m.SavedSearchId, m.ListingId });
        e.HasIndex(m => m.ListingId);
        e.HasOne<SavedSearch>().WithMany().HasForeignKey(m => m.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SavedSearchRemoteMatch> e)
    {
        e.ToTable("saved_search_remote_matches");
        e.HasKey(m => new { m.SavedSearchId, m.PartnerId, m.RemoteId });
        e.Property(m => m.RemoteId).HasMaxLength(100);
        e.HasIndex(m => new { m.PartnerId, m.RemoteId });
        e.HasOne<SavedSearch>().WithMany().HasForeignKey(m => m.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PartnerInstallation>().WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class AlertsData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<SavedSearch> SavedSearches => db.Set<SavedSearch>();
        public DbSet<SavedSearchKey> SavedSearchKeys => db.Set<SavedSearchKey>();
        public DbSet<SavedSearchMatch> SavedSearchMatches => db.Set<SavedSearchMatch>();
        public DbSet<SavedSearchRemoteMatch> SavedSearchRemoteMatches => db.Set<SavedSearchRemoteMatch>();
    }
}
