using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// The reservations a person asked for. On deletion the account is detached (the database sets it to
/// null) and personal requests lose the name; organisations' loans stay, they are the organisations' history.
/// </summary>
public sealed class LendingPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "prêts";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct) =>
        await db.Reservations.AsNoTracking().Where(r => r.RequestedById == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                objet = r.Item!.Listing!.Title, du = r.From, au = r.To, statut = r.Status, auNomDe = r.BorrowerName,
                message = r.Message, reponse = r.Answer, raisonAnnulation = r.CancelReason, demandeLe = r.CreatedAt,
            }).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> WarningsAsync(Guid userId, CancellationToken ct)
    {
        var open = await db.Reservations.CountAsync(r => r.RequestedById == userId && r.BorrowerOrganizationId == null
            && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed || r.Status == ReservationStatus.Lent), ct);
        return open == 0 ? [] : [$"Vous avez {open} réservation(s) de matériel en cours à votre nom : elles seront annulées."];
    }

    public async Task ForgetAsync(Guid userId, CancellationToken ct)
    {
        var open = await db.Reservations.Where(r => r.RequestedById == userId && r.BorrowerOrganizationId == null
            && (r.Status == ReservationStatus.Pending || r.Status == ReservationStatus.Confirmed)).Select(r => r.Id).ToListAsync(ct);
        await db.ReservationDays.Where(d => open.Contains(d.ReservationId)).ExecuteDeleteAsync(ct);
        await db.Reservations.Where(r => open.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ReservationStatus.Cancelled).SetProperty(r => r.CancelReason, "Compte supprimé").SetProperty(r => r.CancelledBy, "borrower"), ct);
        await db.Reservations.Where(r => r.RequestedById == userId && r.BorrowerOrganizationId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BorrowerName, "Compte supprimé").SetProperty(r => r.Message, (string?)null), ct);
    }
}
