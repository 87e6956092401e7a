using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>
/// A person's requests to the hotline and what was suggested. On deletion the requests stay, for the
/// network's count of hours, without the person: their name and address are wiped. A facilitator's
/// journal lines keep the name they were written under, as an audit must.
/// </summary>
sealed class HotlinePersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "demandesALAnimation";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var requests = await db.HotlineRequests.AsNoTracking().Where(r => r.RequesterId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                demande = r.What, commune = r.Commune, urgence = r.Urgency, envoyéeLe = r.CreatedAt, état = r.Status,
                suggestions = db.Set<HotlineSuggestion>().Where(s => s.RequestId == r.Id).Select(s => s.Title).ToList(),
            })
            .ToListAsync(ct);
        return new { demandes = requests };
    }

    public async Task ForgetAsync(Guid userId, CancellationToken ct) =>
        await db.HotlineRequests.Where(r => r.RequesterId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, Messaging.ConversationView.DeletedAccount).SetProperty(r => r.Email, (string?)null), ct);
}
