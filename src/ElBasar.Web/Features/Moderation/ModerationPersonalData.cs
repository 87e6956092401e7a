using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>
/// Reports a person made, and the moderation decisions they took as staff. Reports go with the
/// account; the journal keeps its decisions under the name they were taken with, as an audit log must.
/// </summary>
sealed class ModerationPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "moderation";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var reports = await db.ModerationReports.AsNoTracking().Where(r => r.ReporterId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { sujet = r.SubjectKind, idDuSujet = r.SubjectId, motif = r.Reason, précisions = r.Details, signaléLe = r.CreatedAt, état = r.Status })
            .ToListAsync(ct);
        var decisions = await db.ModerationLog.AsNoTracking().Where(e => e.ActorId == userId).OrderBy(e => e.At)
            .Select(e => new { le = e.At, sujet = e.SubjectKind, titre = e.SubjectTitle, action = e.Action, raison = e.Reason })
            .ToListAsync(ct);
        return new { signalements = reports, décisionsDeModération = decisions };
    }

    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
