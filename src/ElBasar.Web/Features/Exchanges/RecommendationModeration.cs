using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// Hiding a recommendation and bringing it back, for the Moderation feature (as ListingModeration is for
/// listings): a hidden recommendation leaves the profile and its own page. Both change the tracked
/// row only; the caller saves, with its journal line and mail (to the author organisation).
/// </summary>
public static class RecommendationModeration
{
    public static Task<ModerationSubject?> FindAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        var organizations = db.Organizations;
        return db.Recommendations.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new ModerationSubject(ModerationSubjectKind.Recommendation, r.Id,
                "Recommandation de " + organizations.Where(o => o.Id == r.AuthorOrganizationId).Select(o => o.Name).First()
                    + " sur " + organizations.Where(o => o.Id == r.SubjectOrganizationId).Select(o => o.Name).First(),
                r.Hidden,
                organizations.Where(o => o.Id == r.AuthorOrganizationId).Select(o => o.Name).First(),
                organizations.Where(o => o.Id == r.AuthorOrganizationId).Select(o => o.Email).First()))
            .FirstOrDefaultAsync(ct);
    }

    public static async Task<bool> HideAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Recommendations.FindAsync([id], ct) is not { Hidden: false } recommendation) return false;
        recommendation.Hidden = true;
        return true;
    }

    public static async Task<bool> RestoreAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        if (await db.Recommendations.FindAsync([id], ct) is not { Hidden: true } recommendation) return false;
        recommendation.Hidden = false;
        return true;
    }
}
