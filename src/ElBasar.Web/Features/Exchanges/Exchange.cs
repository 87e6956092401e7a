using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// An exchange between two parties (organisations, or people acting on their own behalf), declared
/// by one and confirmed or disputed by the other. Only confirmed exchanges count in the impact.
/// Besides what people typed, each row carries what the dashboard groups by, taken when the
/// exchange is declared or edited (month, market or not, both parties' territories and legal forms,
/// the distance between them), so the figures are one scan of one table, never a join per row.
/// </summary>
public sealed class Exchange
{
    public const int MaxDescriptionLength = 2000, MaxCommentLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The party that declared it.</summary>
    public Guid FromOrganizationId { get; set; }

    /// <summary>The other party, who confirms or disputes.</summary>
    public Guid ToOrganizationId { get; set; }

    /// <summary>Both parties in a fixed order, so a pair is the same whoever declared.</summary>
    public Guid PairLowId { get; set; }
    public Guid PairHighId { get; set; }

    /// <summary>The same pair as one integer, from both parties' <see cref="ExchangeParty"/> numbers: the dashboard groups on it.</summary>
    public long PairKey { get; set; }

    public required string Description { get; set; }
    public required string Mode { get; set; }
    public bool Market { get; set; }
    public required string Category { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>yyyymm of <see cref="Date"/>: the series by month group on it.</summary>
    public int Month { get; set; }

    /// <summary>Market modes: the amount, in cents. Non-market: the estimated value, in cents, when given.</summary>
    public long? AmountCents { get; set; }
    public long? EstimatedValueCents { get; set; }

    /// <summary>Non-market modes: the time given, in minutes (hours on screen).</summary>
    public int? Minutes { get; set; }

    /// <summary>A loan: the days lent.</summary>
    public int? Days { get; set; }

    public Guid? ListingId { get; set; }
    public Guid? ConversationId { get; set; }

    /// <summary>Where it came from when not typed from scratch: "listing", "conversation" or "loan", and that thing's id.</summary>
    public string? SourceKind { get; set; }
    public Guid? SourceId { get; set; }

    public ExchangeStatus Status { get; set; } = ExchangeStatus.Declared;
    public string? DisputeComment { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public Guid? ConfirmedById { get; set; }

    /// <summary>Confirmed by a facilitator for the other party, who told them (by phone...).</summary>
    public bool ConfirmedByFacilitator { get; set; }

    /// <summary>This is the pair's first confirmed exchange (by date): it makes a "new pair" in its period.</summary>
    public bool FirstOfPair { get; set; }

    public string? FromDepartement { get; set; }
    public string? ToDepartement { get; set; }
    public string? FromEpci { get; set; }
    public string? ToEpci { get; set; }
    public string? FromLegalForm { get; set; }
    public string? ToLegalForm { get; set; }
    public double? DistanceKm { get; set; }

    public Guid? DeclaredById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public decimal? AmountEur => AmountCents is { } c ? c / 100m : null;
    public decimal? EstimatedValueEur => EstimatedValueCents is { } c ? c / 100m : null;
    public decimal? Hours => Minutes is { } m ? m / 60m : null;

    public bool Involves(Guid organizationId) => FromOrganizationId == organizationId || ToOrganizationId == organizationId;

    public Guid OtherThan(Guid organizationId) => FromOrganizationId == organizationId ? ToOrganizationId : FromOrganizationId;
}

public enum ExchangeStatus { Declared, Confirmed, Disputed }

/// <summary>A rating (1 to 5) and a comment left by a party of a confirmed exchange about the other ("recommandation").</summary>
public sealed class Recommendation
{
    public const int MaxCommentLength = 2000, MaxAnswerLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ExchangeId { get; set; }
    public Guid AuthorOrganizationId { get; set; }
    public Guid SubjectOrganizationId { get; set; }
    public Guid? AuthorId { get; set; }
    public int Rating { get; set; }
    public required string Comment { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Hidden { get; set; }

    /// <summary>The rated organisation's one answer.</summary>
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public Guid? AnsweredById { get; set; }
}

/// <summary>A facilitator's follow-up contact with a member ("qui a décroché ?"): when, and a note.</summary>
public sealed class MemberContact
{
    public const int MaxNoteLength = 1000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public DateOnly ContactedOn { get; set; }
    public string? Note { get; set; }
    public Guid? ById { get; set; }
    public required string ByName { get; set; }
    public DateTime CreatedAt { get; set; }
}

sealed class ExchangesConfiguration :
    IEntityTypeConfiguration<Exchange>, IEntityTypeConfiguration<Recommendation>, IEntityTypeConfiguration<MemberContact>
{
    public void Configure(EntityTypeBuilder<Exchange> e)
    {
        e.ToTable("exchanges");
        e.HasKey(x => x.Id);
        e.Property(x => x.Description).HasMaxLength(Exchange.MaxDescriptionLength);
        e.Property(x => x.Mode).HasMaxLength(40);
        e.Property(x => x.Category).HasMaxLength(40);
        e.Property(x => x.SourceKind).HasMaxLength(20);
        e.Property(x => x.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(x => x.DisputeComment).HasMaxLength(Exchange.MaxCommentLength);
        e.Property(x => x.FromDepartement).HasMaxLength(3);
        e.Property(x => x.ToDepartement).HasMaxLength(3);
        e.Property(x => x.FromEpci).HasMaxLength(9);
        e.Property(x => x.ToEpci).HasMaxLength(9);
        e.Property(x => x.FromLegalForm).HasMaxLength(40);
        e.Property(x => x.ToLegalForm).HasMaxLength(40);
        e.Ignore(x => x.AmountEur);
        e.Ignore(x => x.EstimatedValueEur);
        e.Ignore(x => x.Hours);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.FromOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.ToOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Listing>().WithMany().HasForeignKey(x => x.ListingId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.DeclaredById).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.ConfirmedById).OnDelete(DeleteBehavior.SetNull);
        // The dashboard: confirmed exchanges of a period.
        e.HasIndex(x => new { x.Status, x.Date });
        e.HasIndex(x => new { x.PairLowId, x.PairHighId, x.Date });
        e.HasIndex(x => new { x.Status, x.PairKey, x.Date });
        e.HasIndex(x => new { x.FromOrganizationId, x.Date });
        e.HasIndex(x => new { x.ToOrganizationId, x.Date });
        e.HasIndex(x => x.ListingId);
        e.HasIndex(x => x.DeclaredById);
        e.HasIndex(x => x.ConfirmedById);
        e.HasIndex(x => new { x.SourceKind, x.SourceId });
    }

    public void Configure(EntityTypeBuilder<Recommendation> e)
    {
        e.ToTable("recommendations");
        e.HasKey(x => x.Id);
        e.Property(x => x.Comment).HasMaxLength(Recommendation.MaxCommentLength);
        e.Property(x => x.Answer).HasMaxLength(Recommendation.MaxAnswerLength);
        e.HasOne<Exchange>().WithMany().HasForeignKey(x => x.ExchangeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.AuthorOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.SubjectOrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.AnsweredById).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.ExchangeId, x.AuthorOrganizationId }).IsUnique();
        e.HasIndex(x => new { x.SubjectOrganizationId, x.CreatedAt });
        e.HasIndex(x => x.AuthorOrganizationId);
        e.HasIndex(x => x.AuthorId);
        e.HasIndex(x => x.AnsweredById);
    }

    public void Configure(EntityTypeBuilder<MemberContact> e)
    {
        e.ToTable("member_contacts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Note).HasMaxLength(MemberContact.MaxNoteLength);
        e.Property(x => x.ByName).HasMaxLength(200);
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.OrganizationId, x.ContactedOn });
        e.HasIndex(x => x.ById);
    }
}

public static class ExchangesData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Exchange> Exchanges => db.Set<Exchange>();
        public DbSet<Recommendation> Recommendations => db.Set<Recommendation>();
        public DbSet<MemberContact> MemberContacts => db.Set<MemberContact>();
        public DbSet<ExchangeParty> ExchangeParties => db.Set<ExchangeParty>();
        public DbSet<MonthCell> ExchangeMonthCells => db.Set<MonthCell>();
        public DbSet<MonthPlace> ExchangeMonthPlaces => db.Set<MonthPlace>();
        public DbSet<MonthForm> ExchangeMonthForms => db.Set<MonthForm>();
        public DbSet<ImpactConsent> ImpactConsents => db.Set<ImpactConsent>();
    }
}
