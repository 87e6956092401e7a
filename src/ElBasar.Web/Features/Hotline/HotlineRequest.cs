using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Hotline;

/// <summary>"Je ne trouve pas ce que je cherche": a person asks the network's facilitators for help.</summary>
public sealed class HotlineRequest
{
    public const int MaxWhatLength = 2000, MaxNameLength = 200, MaxEmailLength = 256, MaxCommuneLength = 200;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The account that asked, when signed in; null for a visitor (or once the account is deleted).</summary>
    public Guid? RequesterId { get; set; }

    /// <summary>The name and address to answer to, copied at the time (a visitor's, or the account's).</summary>
    public required string Name { get; set; }
    public string? Email { get; set; }

    public required string What { get; set; }
    public string? Commune { get; set; }
    public HotlineUrgency Urgency { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? AssignedToId { get; set; }
    public HotlineStatus Status { get; set; } = HotlineStatus.Open;
    public DateTime? ClosedAt { get; set; }
}

public enum HotlineUrgency { Later, ThisWeek, Urgent }

/// <summary>Open, then closed with its outcome.</summary>
public enum HotlineStatus { Open, Found, NotFound, Abandoned }

/// <summary>One line of a request's journal: what a facilitator did, and the minutes it took.</summary>
public sealed class HotlineEntry
{
    public const int MaxTextLength = 4000;
    public const int MaxMinutes = 24 * 60;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public Guid? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public HotlineEntryKind Kind { get; set; }
    public string? Text { get; set; }
    public int Minutes { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum HotlineEntryKind { Assigned, Note, Suggestion, Introduction, Closed }

/// <summary>A listing or an organisation suggested to the requester; the title is copied so it still reads later.</summary>
public sealed class HotlineSuggestion
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid RequestId { get; set; }
    public Guid EntryId { get; set; }
    public Guid? ListingId { get; set; }
    public Guid? OrganizationId { get; set; }
    public required string Title { get; set; }
    public DateTime CreatedAt { get; set; }

    public string Path => ListingId is { } l ? $"/annonces/{l}" : $"/structures/{OrganizationId}";
}

sealed class HotlineConfiguration :
    IEntityTypeConfiguration<HotlineRequest>, IEntityTypeConfiguration<HotlineEntry>, IEntityTypeConfiguration<HotlineSuggestion>
{
    public void Configure(EntityTypeBuilder<HotlineRequest> e)
    {
        e.ToTable("hotline_requests");
        e.HasKey(r => r.Id);
        e.Property(r => r.Name).HasMaxLength(HotlineRequest.MaxNameLength);
        e.Property(r => r.Email).HasMaxLength(HotlineRequest.MaxEmailLength);
        e.Property(r => r.What).HasMaxLength(HotlineRequest.MaxWhatLength);
        e.Property(r => r.Commune).HasMaxLength(HotlineRequest.MaxCommuneLength);
        e.Property(r => r.Urgency).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.Status).HasSlugConversion().HasMaxLength(20);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.AssignedToId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(r => new { r.Status, r.CreatedAt });
        e.HasIndex(r => r.RequesterId);
        e.HasIndex(r => r.AssignedToId);
    }

    public void Configure(EntityTypeBuilder<HotlineEntry> e)
    {
        e.ToTable("hotline_entries");
        e.HasKey(x => x.Id);
        e.Property(x => x.AuthorName).HasMaxLength(200);
        e.Property(x => x.Kind).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.Text).HasMaxLength(HotlineEntry.MaxTextLength);
        e.HasOne<HotlineRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.RequestId, x.CreatedAt });
        e.HasIndex(x => x.AuthorId);
    }

    public void Configure(EntityTypeBuilder<HotlineSuggestion> e)
    {
        e.ToTable("hotline_suggestions");
        e.HasKey(s => s.Id);
        e.Property(s => s.Title).HasMaxLength(200);
        e.Ignore(s => s.Path);
        e.HasOne<HotlineRequest>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<HotlineEntry>().WithMany().HasForeignKey(s => s.EntryId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(s => s.ListingId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(s => s.RequestId);
        e.HasIndex(s => s.EntryId);
        e.HasIndex(s => s.ListingId);
        e.HasIndex(s => s.OrganizationId);
    }
}

public static class HotlineData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<HotlineRequest> HotlineRequests => db.Set<HotlineRequest>();
        public DbSet<HotlineEntry> HotlineEntries => db.Set<HotlineEntry>();
        public DbSet<HotlineSuggestion> HotlineSuggestions => db.Set<HotlineSuggestion>();
    }
}

/// <summary>The French words of the hotline.</summary>
public static class HotlineLabels
{
    public static readonly IReadOnlyList<(HotlineUrgency Urgency, string Label)> Urgencies =
        [(HotlineUrgency.Later, "Pas pressé"), (HotlineUrgency.ThisWeek, "Dans la semaine"), (HotlineUrgency.Urgent, "Urgent")];

    public static readonly IReadOnlyList<(HotlineStatus Status, string Label)> Outcomes =
        [(HotlineStatus.Found, "Trouvé"), (HotlineStatus.NotFound, "Pas trouvé"), (HotlineStatus.Abandoned, "Abandonné")];

    public static string Of(HotlineUrgency urgency) => Urgencies.First(u => u.Urgency == urgency).Label;

    public static string Of(HotlineStatus status) => status == HotlineStatus.Open ? "En cours" : Outcomes.First(o => o.Status == status).Label;

    public static string Of(HotlineEntryKind kind) => kind switch
    {
        HotlineEntryKind.Assigned => "Attribution",
        HotlineEntryKind.Suggestion => "Suggestions envoyées",
        HotlineEntryKind.Introduction => "Mise en relation",
        HotlineEntryKind.Closed => "Clôture",
        _ => "Note",
    };
}
