using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Listings.Publishing;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Membership;

/// <summary>
/// Who pays to publish: non-member structures, past a grace month after their membership ended
/// (<c>Membership:ListingPriceEur</c>; 0 makes publishing free for all). Their listing waits as
/// unpaid, with a payment asked for.
/// </summary>
public sealed class ListingCharges(ElBasarDbContext db, Memberships memberships, IPaymentProvider provider, IOptions<MembershipOptions> options, TimeProvider clock)
    : IListingCharges
{
    /// <summary>The month after a membership ends, when its organisation still publishes for free.</summary>
    public const int GraceDays = 31;

    public async Task<bool> IsChargedAsync(Guid organizationId, CancellationToken ct)
    {
        if (options.Value.ListingPriceEur <= 0) return false;
        if (await db.NetworkMemberships.AnyAsync(m => m.OrganizationId == organizationId && m.IsMember, ct)) return false;
        var graceFrom = memberships.Today.AddDays(-GraceDays);
        return !await db.Memberships.AnyAsync(m => m.OrganizationId == organizationId && m.Status == MembershipStatus.Active && m.ValidUntil >= graceFrom, ct);
    }

    public async Task RequestAsync(Listing listing, CancellationToken ct)
    {
        db.Payments.Add(Payments.New(listing.OrganizationId, listing.Id, PaymentPurpose.Listing, options.Value.ListingPriceEur, provider, clock));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// Paid listings' payments: featuring for a month, and settling a payment, which applies its effect
/// once (the settle is one UPDATE "still pending" in the transaction that applies it).
/// </summary>
public sealed class Payments(
    ElBasarDbContext db, ListingPublisher publisher, IPaymentProvider provider, IOptions<MembershipOptions> options, AuditLog audit, TimeProvider clock)
{

    /// <summary>Asks for featuring a live listing for a month; the pending request when one is already waiting.</summary>
    public async Task<Payment?> RequestFeatureAsync(Guid listingId, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == listingId).Select(l => new { l.OrganizationId, l.Status }).SingleOrDefaultAsync(ct);
        if (listing is null || listing.Status is ListingStatus.Closed or ListingStatus.Hidden) return null;
        if (await db.Payments.FirstOrDefaultAsync(p => p.ListingId == listingId && p.Purpose == PaymentPurpose.Feature && p.Status == PaymentStatus.Pending, ct)
            is { } waiting) return waiting;
        var payment = New(listing.OrganizationId, listingId, PaymentPurpose.Feature, options.Value.FeaturePriceEur, provider, clock);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return payment;
    }

    internal static Payment New(Guid organizationId, Guid listingId, PaymentPurpose purpose, decimal amount, IPaymentProvider provider, TimeProvider clock) => new()
    {
        OrganizationId = organizationId, ListingId = listingId, Purpose = purpose, AmountEur = amount, Status = PaymentStatus.Pending,
        Provider = provider.Name, CreatedAt = clock.GetUtcNow().UtcDateTime,
    };

    /// <summary>How to pay one of the payments: the provider's instructions, or where to go to pay online.</summary>
    public async Task<PaymentStart?> StartAsync(Guid paymentId, CancellationToken ct) =>
        await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct) is { } payment ? provider.Start(payment) : null;

    /// <summary>
    /// Records a pending payment as paid (with how) or waived (<paramref name="method"/> <see cref="PaymentMethod.Waived"/>),
    /// then publishes the listing or features it for a month; false when it was no longer pending.
    /// </summary>
    public async Task<bool> SettleAsync(Guid paymentId, PaymentMethod method, Guid? settledBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var settled = await db.Payments.Where(p => p.Id == paymentId && p.Status == PaymentStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, method == PaymentMethod.Waived ? PaymentStatus.Waived : PaymentStatus.Paid)
            .SetProperty(p => p.PaidWith, method)
            .SetProperty(p => p.SettledAt, now)
            .SetProperty(p => p.SettledById, settledBy), ct);
        if (settled == 0) return false;
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, ct);
        if (payment.Purpose == PaymentPurpose.Listing) await publisher.PublishPaidAsync(payment.ListingId, ct);
        else await publisher.FeatureAsync(payment.ListingId, now.AddMonths(1), ct);
        var title = await db.Listings.Where(l => l.Id == payment.ListingId).Select(l => l.Title).SingleAsync(ct);
        await audit.RecordAsync(method == PaymentMethod.Waived ? AuditActions.PaymentWaived : AuditActions.PaymentSettled, AuditSubjects.Payment,
            paymentId.ToString(), $"{(payment.Purpose == PaymentPurpose.Listing ? "Publication" : "Mise à la une")} de « {title} » : "
                + (method == PaymentMethod.Waived ? "exonérée." : $"{MembershipLabels.Amount(payment.AmountEur)} € réglés."), null, ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The payments waiting, oldest first, with their listing and organisation.</summary>
    public sealed record Waiting(Guid Id, PaymentPurpose Purpose, decimal AmountEur, DateTime CreatedAt, Guid ListingId, string ListingTitle,
        Guid OrganizationId, string OrganizationName);

    public Task<List<Waiting>> PendingAsync(Guid? organizationId, CancellationToken ct) =>
        (from p in db.Payments.AsNoTracking()
         join l in db.Listings on p.ListingId equals l.Id
         join o in db.Organizations on p.OrganizationId equals o.Id
         where p.Status == PaymentStatus.Pending && (organizationId == null || p.OrganizationId == organizationId)
             && (p.Purpose == PaymentPurpose.Feature ? l.Status == ListingStatus.Published : l.Status == ListingStatus.Unpaid)
         orderby p.CreatedAt, p.Id
         select new Waiting(p.Id, p.Purpose, p.AmountEur, p.CreatedAt, l.Id, l.Title, o.Id, o.Name)).ToListAsync(ct);
}
