using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ElBasar.Web.Features.Listings;

/// <summary>An offer or a demand posted by an organisation.</summary>
public sealed class Listing
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string? ExternalId { get; set; }
    public Guid NetworkId { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public ListingKind Kind { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public required string Category { get; set; }
    public List<ListingExchangeMode> ExchangeModes { get; set; } = [];
    public decimal? Price { get; set; }
    public string? CommuneInsee { get; set; }
    public string? Commune { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public ListingStatus Status { get; set; } = ListingStatus.Published;
    public ListingVisibility Visibility { get; set; } = ListingVisibility.Everyone;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? ClosedAt { get; set; }

    /// <summary>When the expiry reminder was queued, and for which <see cref="ExpiresAt"/>: a renewal makes it due again.</summary>
    public DateTime? ExpiryReminderSentAt { get; set; }
    public DateTime? ExpiryRemindedFor { get; set; }

    /// <summary>Shown first ("À la une") until then: a paid option.</summary>
    public DateTime? FeaturedUntil { get; set; }

    /// <summary>For projections only (the first photo of a card): never Include it, each photo carries its bytes.</summary>
    public List<Photos.ListingPhoto> Photos { get; set; } = [];

    /// <summary>How a closed listing ended: pourvue or retirée; null while it is not closed.</summary>
    public ListingOutcome? ClosedOutcome { get; set; }

    /// <summary>The accounts that created and last edited it, from the site or the API (null for imports).</summary>
    public Guid? CreatedById { get; set; }
    public Guid? UpdatedById { get; set; }

    /// <summary>Title and description as the search analyser sees them; kept in step on every save.</summary>
    public string SearchTitle { get; set; } = "";
    public string SearchBody { get; set; } = "";

    /// <summary>The analyser version that wrote the search columns; older ones are analysed again at start.</summary>
    public int SearchVersion { get; set; }

    public bool IsLive(DateTime now) => Status == ListingStatus.Published && (ExpiresAt is null || ExpiresAt > now);

    /// <summary>Keeps the modes already there, so the change tracker sees only real changes; true if any changed.</summary>
    public bool SetModes(IEnumerable<string> modes)
    {
        var wanted = modes.Distinct().ToList();
        var removed = ExchangeModes.RemoveAll(m => !wanted.Contains(m.Mode));
        var added = wanted.Where(w => ExchangeModes.All(m => m.Mode != w)).ToList();
        ExchangeModes.AddRange(added.Select(mode => new ListingExchangeMode { ListingId = Id, Mode = mode }));
        return removed + added.Count > 0;
    }
}

public enum ListingKind { Offer, Demand }

/// <summary>Draft is also "en pause": a listing taken offline by its organisation, which may put it back.</summary>
/// <summary>
/// Draft: paused by its people. Published: online. Closed: pourvue or retirée. Hidden: by moderation.
/// Unpaid: a non-member's listing waiting for its payment (see <see cref="Publishing.IListingCharges"/>).
/// </summary>
public enum ListingStatus { Draft, Published, Closed, Hidden, Unpaid }

/// <summary>Why a listing was closed: fulfilled ("pourvue") or withdrawn ("retirée").</summary>
public enum ListingOutcome { Fulfilled, Withdrawn }

/// <summary>Who may see a listing: its own network, partner networks too, or everyone (the default).</summary>
public enum ListingVisibility { Network, Partners, Everyone }

public sealed class ListingExchangeMode
{
    public Guid ListingId { get; set; }
    public required string Mode { get; set; }
}

sealed class ListingConfiguration : IEntityTypeConfiguration<Listing>
{
    public void Configure(EntityTypeBuilder<Listing> e)
    {
        e.ToTable("listings");
        e.HasKey(l => l.Id);
        e.HasIndex(l => l.ExternalId).IsUnique();
        e.Property(l => l.ExternalId).HasMaxLength(100);
        e.Property(l => l.Kind).HasSlugConversion().HasMaxLength(20);
        e.Property(l => l.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(l => l.Visibility).HasSlugConversion().HasMaxLength(20);
        // EF never hands a null to a converter: this one reads and writes the outcome when there is one.
        e.Property(l => l.ClosedOutcome).HasConversion(new ValueConverter<ListingOutcome, string>(v => Slug.Of(v), v => Slug.Parse<ListingOutcome>(v))).HasMaxLength(20);
        e.Property(l => l.Title).HasMaxLength(150);
        e.Property(l => l.Description).HasMaxLength(10000);
        e.Property(l => l.Category).HasMaxLength(40);
        e.Property(l => l.Price).HasPrecision(12, 2);
        e.Property(l => l.CommuneInsee).HasMaxLength(5);
        e.Property(l => l.Commune).HasMaxLength(200);
        e.HasOne(l => l.Organization).WithMany().HasForeignKey(l => l.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Network>().WithMany().HasForeignKey(l => l.NetworkId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<User>().WithMany().HasForeignKey(l => l.CreatedById).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(l => l.UpdatedById).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(l => l.ExchangeModes).WithOne().HasForeignKey(m => m.ListingId).OnDelete(DeleteBehavior.Cascade);
        // The listing pages of the home page and of an empty search: live listings, newest first.
        e.HasIndex(l => new { l.Status, l.CreatedAt });
        e.HasIndex(l => new { l.OrganizationId, l.Status, l.CreatedAt });
        e.HasIndex(l => new { l.Latitude, l.Longitude });
        // The expiry reminder's scan (Expiry/ExpiryReminderJob).
        e.HasIndex(l => new { l.Status, l.ExpiresAt });
        e.HasIndex(l => l.FeaturedUntil);
    }
}

sealed class ListingExchangeModeConfiguration : IEntityTypeConfiguration<ListingExchangeMode>
{
    public void Configure(EntityTypeBuilder<ListingExchangeMode> e)
    {
        e.ToTable("listing_exchange_modes");
        e.HasKey(m => new { m.ListingId, m.Mode });
        e.Property(m => m.Mode).HasMaxLength(40);
        e.HasIndex(m => m.Mode);
    }
}
