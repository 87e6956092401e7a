using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// A person's registrations (they go with the account, ON DELETE CASCADE) and the events they
/// announced, which stay for the network without their author (ON DELETE SET NULL).
/// </summary>
sealed class EventsPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "rendezVous";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var registrations = await db.Set<EventRegistration>().AsNoTracking().Where(r => r.UserId == userId)
            .Join(db.Set<Event>(), r => r.EventId, e => e.Id, (r, e) => new { rendezVous = e.Title, début = e.StartsAt, nom = r.Name, eMail = r.Email, statut = EventWords.Slug(r.Status), demandéLe = r.RequestedAt })
            .ToListAsync(ct);
        var announced = await db.Set<Event>().AsNoTracking().Where(e => e.CreatedByUserId == userId)
            .Select(e => new { titre = e.Title, début = e.StartsAt, crééLe = e.CreatedAt }).ToListAsync(ct);
        return new { inscriptions = registrations, annoncés = announced };
    }

    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
