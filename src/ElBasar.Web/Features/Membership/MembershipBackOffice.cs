using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>The memberships' part of the facilitators' dashboard: listing payments and fees to record, memberships to renew.</summary>
sealed class MembershipBackOffice(ElBasarDbContext db, Memberships memberships, Payments payments) : IBackOfficeSource
{
    public async Task<IReadOnlyList<BackOfficeTile>> TilesAsync(CancellationToken ct)
    {
        var today = memberships.Today;
        var soon = today.AddDays(30);
        var all = db.Memberships;
        var pending = await all.CountAsync(m => m.Status == MembershipStatus.Pending && m.ValidUntil >= today, ct);
        var expiring = await all.CountAsync(m => m.Status == MembershipStatus.Active && m.ValidUntil >= today && m.ValidUntil <= soon
            && !all.Any(n => n.OrganizationId == m.OrganizationId && n.Year == m.Year + 1), ct);
        var unpaid = (await payments.PendingAsync(null, ct)).Count;
        return
        [
            new(25, "Paiements d'annonces à enregistrer", unpaid, "/animation/paiements", "Annonces de structures non membres et mises à la une qui attendent leur paiement."),
            new(30, "Cotisations à enregistrer", pending, "/animation/adhesions?etat=pending", "Adhésions demandées dont le paiement n'est pas encore enregistré."),
            new(40, "Adhésions à renouveler", expiring, "/animation/adhesions?etat=expiring", "Adhésions qui prennent fin dans les 30 jours, sans renouvellement."),
        ];
    }
}
