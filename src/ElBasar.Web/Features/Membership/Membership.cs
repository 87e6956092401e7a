using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Membership;

/// <summary>
/// One year of an organisation's (or an individual's) membership of the network: asked for
/// (pending) or paid (active) for a calendar year; expired once that year is over. One per
/// organisation and year.
/// </summary>
public sealed class Membership
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public int Year { get; init; }
    public DateOnly ValidUntil { get; init; }
    public MembershipStatus Status { get; set; }

    /// <summary>The tier applied (<see cref="MembershipTier.Slug"/>), and the fee asked: the tier's, or a solidarity amount.</summary>
    public required string Tier { get; set; }
    public decimal FeeEur { get; set; }
    public bool Solidarity { get; set; }

    public PaymentMethod? PaidWith { get; set; }
    public DateTime? PaidAt { get; set; }

    /// <summary>"2026-0007": numbered in order within the year it was paid, never reused; none for a waived fee.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>The charter version the organisation had accepted when the membership was recorded.</summary>
    public int? CharterVersion { get; set; }

    public string? Note { get; set; }
    public Guid? RecordedById { get; set; }
    public DateTime RecordedAt { get; set; }
    public DateTime? Reminded30At { get; set; }
    public DateTime? Reminded7At { get; set; }

    public const int MaxNoteLength = 1000;
}

/// <summary>Pending: asked for, not paid yet. Active: paid or waived; counts until the end of its year.</summary>
public enum MembershipStatus { Pending, Active }

public enum PaymentMethod { Transfer, Cheque, Cash, Waived }

/// <summary>A fee tier of the network's scale, edited by admins; <see cref="AppliesTo"/> says who it is for.</summary>
public sealed class MembershipTier
{
    public required string Slug { get; init; }
    public required string Label { get; set; }
    public TierRule AppliesTo { get; init; }
    public decimal FeeEur { get; set; }
}

/// <summary>Who a tier is for: individuals, structures without employees, structures with employees (headcount from the profile).</summary>
public enum TierRule { Individual, NoEmployees, Employees }

/// <summary>The last receipt number given in a year.</summary>
public sealed class ReceiptCounter
{
    public int Year { get; init; }
    public int Last { get; set; }
}

sealed class MembershipConfiguration :
    IEntityTypeConfiguration<Membership>, IEntityTypeConfiguration<MembershipTier>, IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.ToTable("memberships");
        e.HasKey(m => m.Id);
        e.HasIndex(m => new { m.OrganizationId, m.Year }).IsUnique();
        e.HasIndex(m => m.ReceiptNumber).IsUnique();
        e.HasIndex(m => m.ValidUntil);
        e.Property(m => m.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(m => m.Tier).HasMaxLength(40);
        e.Property(m => m.FeeEur).HasPrecision(10, 2);
        e.Property(m => m.PaidWith).HasConversion(v => Slug.Of(v!.Value), v => Slug.Parse<PaymentMethod>(v)).HasMaxLength(20);
        e.Property(m => m.ReceiptNumber).HasMaxLength(20);
        e.Property(m => m.Note).HasMaxLength(Membership.MaxNoteLength);
        e.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // The record outlives the account of the person who kept it.
        e.HasOne<User>().WithMany().HasForeignKey(m => m.RecordedById).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<MembershipTier> e)
    {
        e.ToTable("membership_tiers");
        e.HasKey(t => t.Slug);
        e.Property(t => t.Slug).HasMaxLength(40);
        e.Property(t => t.Label).HasMaxLength(100);
        e.Property(t => t.AppliesTo).HasSlugConversion().HasMaxLength(20);
        e.HasIndex(t => t.AppliesTo).IsUnique();
        e.Property(t => t.FeeEur).HasPrecision(10, 2);
    }

    public void Configure(EntityTypeBuilder<ReceiptCounter> e)
    {
        e.ToTable("receipt_counters");
        e.HasKey(c => c.Year);
        e.Property(c => c.Year).ValueGeneratedNever();
    }
}

public static class MembershipData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Membership> Memberships => db.Set<Membership>();
        public DbSet<MembershipTier> MembershipTiers => db.Set<MembershipTier>();
        public DbSet<ReceiptCounter> ReceiptCounters => db.Set<ReceiptCounter>();
    }
}
