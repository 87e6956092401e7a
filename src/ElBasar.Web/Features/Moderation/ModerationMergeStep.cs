using ElBasar.Web.Features.Directory.Merge;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Reports and the journal name an organisation by kind and id, without a foreign key: in a merge they follow the kept one.</summary>
sealed class ModerationMergeStep : IOrganizationMergeStep
{
    public async Task MergeAsync(ElBasarDbContext db, Guid kept, Guid removed, CancellationToken ct)
    {
        await db.ModerationReports.Where(r => r.SubjectKind == ModerationSubjectKind.Organization && r.SubjectId == removed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SubjectId, kept), ct);
        await db.ModerationLog.Where(l => l.SubjectKind == ModerationSubjectKind.Organization && l.SubjectId == removed)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SubjectId, kept), ct);
    }
}
