using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>A person's saved searches and what each has found; they go with the account (ON DELETE CASCADE).</summary>
sealed class AlertsPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "alertes";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var searches = await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var ids = searches.Select(s => s.Id).ToList();
        var matches = await db.SavedSearchMatches.AsNoTracking().Where(m => ids.Contains(m.SavedSearchId)).ToListAsync(ct);
        var remote = await db.SavedSearchRemoteMatches.AsNoTracking().Where(m => ids.Contains(m.SavedSearchId)).ToListAsync(ct);
        return searches.Select(s => new
        {
            nom = s.Name,
            recherche = SavedSearchQuery.FromJson(s.QueryJson),
            fréquence = Slug.Of(s.Frequency),
            enPause = s.Paused,
            crééeLe = s.CreatedAt,
            dernierEnvoi = s.LastSentAt,
            annoncesTrouvées = matches.Where(m => m.SavedSearchId == s.Id).OrderBy(m => m.MatchedAt)
                .Select(m => new { annonce = m.ListingId, trouvéeLe = m.MatchedAt, envoyéeLe = m.SentAt }).ToList(),
            annoncesDesRéseauxPartenaires = remote.Where(m => m.SavedSearchId == s.Id).OrderBy(m => m.MatchedAt)
                .Select(m => new { partenaire = m.PartnerId, annonce = m.RemoteId, trouvéeLe = m.MatchedAt, envoyéeLe = m.SentAt }).ToList(),
        }).ToList();
    }

    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
