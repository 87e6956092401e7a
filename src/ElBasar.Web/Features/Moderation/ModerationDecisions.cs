using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>
/// What facilitators decide: hide, restore, or close reports without action. Each decision, its
/// journal line, the reports it closes and the mail it causes are saved in one transaction.
/// </summary>
public sealed class ModerationDecisions(ElBasarDbContext db, ModerationMails mails, AuditLog audit, TimeProvider clock)
{
    /// <summary>Hides a visible subject and closes its open reports; false when it does not exist or is hidden already.</summary>
    public async Task<bool> HideAsync(ModerationSubjectKind kind, Guid id, string reason, Moderator by, CancellationToken ct)
    {
        if (await ModerationSubject.FindAsync(db, kind, id, ct) is not { Hidden: false } subject) return false;
        string? previous = null;
        if (kind == ModerationSubjectKind.Listing)
        {
            if (await ListingModeration.HideAsync(db, id, ct) is not { } before) return false;
            previous = Slug.Of(before);
        }
        else if (kind == ModerationSubjectKind.Recommendation)
        {
            if (!await Exchanges.RecommendationModeration.HideAsync(db, id, ct)) return false;
        }
        else if (!await OrganizationModeration.HideAsync(db, id, ct)) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        Log(subject, ModerationAction.Hide, reason, by, now, previous);
        await CloseOpenReportsAsync(kind, id, ReportStatus.Hidden, by, now, ct);
        mails.Hidden(subject, reason);
        await AuditAsync(AuditActions.ModerationHidden, subject, $"masquée : {reason}", ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Shows a hidden subject again, a listing with the status it had; false when it is not hidden.</summary>
    public async Task<bool> RestoreAsync(ModerationSubjectKind kind, Guid id, string? reason, Moderator by, CancellationToken ct)
    {
        if (await ModerationSubject.FindAsync(db, kind, id, ct) is not { Hidden: true } subject) return false;
        if (kind == ModerationSubjectKind.Listing)
        {
            var hidden = await db.ModerationLog.AsNoTracking()
                .Where(l => l.SubjectKind == kind && l.SubjectId == id && l.Action == ModerationAction.Hide)
                .OrderByDescending(l => l.At).Select(l => l.PreviousStatus).FirstOrDefaultAsync(ct);
            var before = Slug.TryParse<ListingStatus>(hidden, out var status) ? status : ListingStatus.Published;
            if (!await ListingModeration.RestoreAsync(db, id, before, ct)) return false;
        }
        else if (kind == ModerationSubjectKind.Recommendation)
        {
            if (!await Exchanges.RecommendationModeration.RestoreAsync(db, id, ct)) return false;
        }
        else if (!await OrganizationModeration.RestoreAsync(db, id, ct)) return false;

        Log(subject, ModerationAction.Restore, reason, by, clock.GetUtcNow().UtcDateTime, null);
        await AuditAsync(AuditActions.ModerationRestored, subject, "rétablie", ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Closes the subject's open reports without touching it; returns how many were closed.</summary>
    public async Task<int> DismissAsync(ModerationSubjectKind kind, Guid id, string? note, Moderator by, CancellationToken ct)
    {
        if (await ModerationSubject.FindAsync(db, kind, id, ct) is not { } subject) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = await CloseOpenReportsAsync(kind, id, ReportStatus.Dismissed, by, now, ct);
        if (closed == 0) return 0;
        Log(subject, ModerationAction.Dismiss, note, by, now, null);
        await AuditAsync(AuditActions.ModerationDismissed, subject, $"{closed} signalement(s) classé(s) sans suite", ct);
        await db.SaveChangesAsync(ct);
        return closed;
    }

    Task AuditAsync(string action, ModerationSubject subject, string what, CancellationToken ct)
    {
        // Annonce, fiche, recommandation: all three feminine, as the summaries agree.
        var (kind, name) = subject.Kind switch
        {
            ModerationSubjectKind.Listing => (AuditSubjects.Listing, "Annonce"),
            ModerationSubjectKind.Recommendation => (AuditSubjects.Recommendation, "Recommandation"),
            _ => (AuditSubjects.Organization, "Fiche"),
        };
        return audit.AddAsync(action, kind, subject.Id.ToString(), $"{name} « {subject.Title} » : {what.TrimEnd('.')}.", null, ct);
    }

    void Log(ModerationSubject subject, ModerationAction action, string? reason, Moderator by, DateTime now, string? previousStatus) =>
        db.ModerationLog.Add(new ModerationLogEntry
        {
            At = now, ActorId = by.Id, ActorName = Cut(by.Name, 200), SubjectKind = subject.Kind, SubjectId = subject.Id,
            SubjectTitle = Cut(subject.Title, 200), Action = action, Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            PreviousStatus = previousStatus,
        });

    async Task<int> CloseOpenReportsAsync(ModerationSubjectKind kind, Guid id, ReportStatus outcome, Moderator by, DateTime now, CancellationToken ct)
    {
        var open = await db.ModerationReports.Where(r => r.SubjectKind == kind && r.SubjectId == id && r.Status == ReportStatus.Open).ToListAsync(ct);
        foreach (var report in open)
        {
            report.Status = outcome;
            report.ResolvedAt = now;
            report.ResolvedById = by.Id;
        }
        return open.Count;
    }

    static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
