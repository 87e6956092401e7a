using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// A request for an item over inclusive local dates (Europe/Paris), on behalf of an organisation or of
/// the person alone. While pending, confirmed or lent it holds one unit on each of its days
/// (<see cref="ReservationDay"/>); declined, cancelled and returned ones hold nothing.
/// </summary>
public sealed class Reservation
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ItemId { get; set; }
    public LendingItem? Item { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public ReservationStatus Status { get; set; }

    /// <summary>The account that asked; null once that account is deleted (the name stays).</summary>
    public Guid? RequestedById { get; set; }
    public Guid? BorrowerOrganizationId { get; set; }
    public required string BorrowerName { get; set; }
    public string? Message { get; set; }

    /// <summary>The owner's answer when approving or declining.</summary>
    public string? Answer { get; set; }
    public string? CancelReason { get; set; }

    /// <summary>"lender" or "borrower": who cancelled.</summary>
    public string? CancelledBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? CheckedOutAt { get; set; }
    public string? CheckoutNote { get; set; }
    public DateTime? ReturnedAt { get; set; }
    public string? ReturnNote { get; set; }
    public string? Damage { get; set; }
    public string? DepositAgreement { get; set; }
    public DateTime? PickupRemindedAt { get; set; }
    public DateTime? ReturnRemindedAt { get; set; }
    public DateTime? LateRemindedAt { get; set; }

    /// <summary>Days from pickup to return, both included.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool HoldsUnits => Status is ReservationStatus.Pending or ReservationStatus.Confirmed or ReservationStatus.Lent;
}

public enum ReservationStatus { Pending, Confirmed, Declined, Cancelled, Lent, Returned }

/// <summary>
/// One unit of an item held by a reservation on one day. The primary key (item, day, slot) with slots
/// numbered 1..quantity is what keeps "never more than quantity units a day" true under concurrency:
/// two transactions can never hold the same slot, whatever they read before writing.
/// </summary>
public sealed class ReservationDay
{
    public Guid ItemId { get; set; }
    public DateOnly Day { get; set; }
    public int Slot { get; set; }
    public Guid ReservationId { get; set; }
}

sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> e)
    {
        e.ToTable("lending_reservations");
        e.HasKey(r => r.Id);
        e.Ignore(r => r.Days);
        e.Ignore(r => r.HoldsUnits);
        e.HasOne(r => r.Item).WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<User>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.BorrowerOrganizationId).OnDelete(DeleteBehavior.SetNull);
        e.Property(r => r.Status).HasSlugConversion().HasMaxLength(20);
        e.Property(r => r.BorrowerName).HasMaxLength(200);
        e.Property(r => r.Message).HasMaxLength(2000);
        e.Property(r => r.Answer).HasMaxLength(2000);
        e.Property(r => r.CancelReason).HasMaxLength(2000);
        e.Property(r => r.CancelledBy).HasMaxLength(20);
        e.Property(r => r.CheckoutNote).HasMaxLength(2000);
        e.Property(r => r.ReturnNote).HasMaxLength(2000);
        e.Property(r => r.Damage).HasMaxLength(2000);
        e.Property(r => r.DepositAgreement).HasMaxLength(2000);
        e.HasIndex(r => new { r.ItemId, r.From });
        e.HasIndex(r => r.RequestedById);
        e.HasIndex(r => r.BorrowerOrganizationId);
        // The reminder job's scan.
        e.HasIndex(r => new { r.Status, r.To });
    }
}

sealed class ReservationDayConfiguration : IEntityTypeConfiguration<ReservationDay>
{
    public void Configure(EntityTypeBuilder<ReservationDay> e)
    {
        e.ToTable("lending_reservation_days", t => t.HasCheckConstraint("ck_lending_reservation_days_slot", "slot >= 1"));
        e.HasKey(d => new { d.ItemId, d.Day, d.Slot });
        e.Property(d => d.Slot).ValueGeneratedNever();
        e.HasOne<LendingItem>().WithMany().HasForeignKey(d => d.ItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Reservation>().WithMany().HasForeignKey(d => d.ReservationId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(d => d.ReservationId);
    }
}
