using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Why and since when a listing or an organisation is hidden by moderation.</summary>
public sealed record ModerationNotice(ModerationSubjectKind Kind, Guid SubjectId, DateTime? HiddenAt, string? Reason)
{
    public string ManagePath => ModerationSubject.ManagePath(Kind, SubjectId);
}

/// <summary>
/// Reads the moderation state of one subject: the staff's banner on a hidden listing's page uses
/// it, and so can an owner's own pages (their hidden listing is 404 to the public, not to them).
/// </summary>
public sealed class ModerationNotices(ElBasarDbContext db)
{
    /// <summary>The notice when the subject is hidden, null when it is visible or does not exist.</summary>
    public async Task<ModerationNotice?> FindAsync(ModerationSubjectKind kind, Guid id, CancellationToken ct)
    {
        if (await ModerationSubject.FindAsync(db, kind, id, ct) is not { Hidden: true }) return null;
        // Hidden another way (an import, say) leaves no journal line: a notice without reason.
        var hide = await db.ModerationLog.AsNoTracking()
            .Where(l => l.SubjectKind == kind && l.SubjectId == id && l.Action == ModerationAction.Hide)
            .OrderByDescending(l => l.At).FirstOrDefaultAsync(ct);
        return new ModerationNotice(kind, id, hide?.At, hide?.Reason);
    }
}
