using ElBasar.Web.Features.Directory.Merge;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>
/// Memberships in a merge of duplicates: a year both have keeps the paid row over a pending one
/// (receipts stay as numbered), and the kept organisation's blank SIRET, address or contact take
/// the duplicate's. The rows left then move with the rest.
/// </summary>
sealed class MembershipMergeStep : IOrganizationMergeStep
{
    public async Task MergeAsync(ElBasarDbContext db, Guid kept, Guid removed, CancellationToken ct)
    {
        var paidYears = await db.Memberships.Where(m => m.OrganizationId == removed && m.Status == MembershipStatus.Active).Select(m => m.Year).ToListAsync(ct);
        await db.Memberships.Where(m => m.OrganizationId == kept && m.Status == MembershipStatus.Pending && paidYears.Contains(m.Year)).ExecuteDeleteAsync(ct);

        var details = await db.MemberDetails.Where(d => d.OrganizationId == kept || d.OrganizationId == removed).ToListAsync(ct);
        if (details.SingleOrDefault(d => d.OrganizationId == kept) is not { } keep || details.SingleOrDefault(d => d.OrganizationId == removed) is not { } drop)
            return;
        var siret = drop.Siret;
        drop.Siret = null;
        await db.SaveChangesAsync(ct);
        keep.Siret ??= siret;
        keep.Address ??= drop.Address;
        keep.ContactName ??= drop.ContactName;
        await db.SaveChangesAsync(ct);
    }
}
