using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>A listing or an organisation as moderation sees it, whatever its status.</summary>
public sealed record ModerationSubject(
    ModerationSubjectKind Kind, Guid Id, string Title, bool Hidden, string? OrganizationName, string? ContactEmail)
{
    /// <summary>The address segment of each kind: <c>/annonces/{id}</c>, <c>/structures/{id}</c>, <c>/recommandations/{id}</c>.</summary>
    public static string Segment(ModerationSubjectKind kind) => kind switch
    {
        ModerationSubjectKind.Listing => "annonces",
        ModerationSubjectKind.Recommendation => "recommandations",
        _ => "structures",
    };

    public static bool TryParseSegment(string? segment, out ModerationSubjectKind kind)
    {
        kind = segment switch
        {
            "structures" => ModerationSubjectKind.Organization,
            "recommandations" => ModerationSubjectKind.Recommendation,
            _ => ModerationSubjectKind.Listing,
        };
        return segment is "annonces" or "structures" or "recommandations";
    }

    /// <summary>The French name of each kind, as headings and the journal say it.</summary>
    public static string KindLabel(ModerationSubjectKind kind) => kind switch
    {
        ModerationSubjectKind.Listing => "Annonce",
        ModerationSubjectKind.Recommendation => "Recommandation",
        _ => "Structure",
    };

    public static string PublicPath(ModerationSubjectKind kind, Guid id) => $"/{Segment(kind)}/{id}";
    public static string ManagePath(ModerationSubjectKind kind, Guid id) => $"/moderation/{Segment(kind)}/{id}";

    public string PublicPath() => PublicPath(Kind, Id);
    public string ManagePath() => ManagePath(Kind, Id);

    public static Task<ModerationSubject?> FindAsync(ElBasarDbContext db, ModerationSubjectKind kind, Guid id, CancellationToken ct) =>
        kind == ModerationSubjectKind.Recommendation
            ? Exchanges.RecommendationModeration.FindAsync(db, id, ct)
        : kind == ModerationSubjectKind.Listing
            ? db.Listings.AsNoTracking().Where(l => l.Id == id)
                .Select(l => new ModerationSubject(kind, l.Id, l.Title, l.Status == ListingStatus.Hidden, l.Organization!.Name, l.Organization.Email))
                .FirstOrDefaultAsync(ct)
            : db.Organizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new ModerationSubject(kind, o.Id, o.Name, o.Status == OrganizationStatus.Hidden, null, o.Email))
                .FirstOrDefaultAsync(ct);

    /// <summary>Titles of many subjects at once, for the queue and the journal; missing ones are left out.</summary>
    public static async Task<Dictionary<(ModerationSubjectKind, Guid), ModerationSubject>> FindManyAsync(
        ElBasarDbContext db, IEnumerable<(ModerationSubjectKind Kind, Guid Id)> subjects, CancellationToken ct)
    {
        var listingIds = subjects.Where(s => s.Kind == ModerationSubjectKind.Listing).Select(s => s.Id).Distinct().ToList();
        var organizationIds = subjects.Where(s => s.Kind == ModerationSubjectKind.Organization).Select(s => s.Id).Distinct().ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id))
            .Select(l => new ModerationSubject(ModerationSubjectKind.Listing, l.Id, l.Title, l.Status == ListingStatus.Hidden, l.Organization!.Name, null))
            .ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => organizationIds.Contains(o.Id))
            .Select(o => new ModerationSubject(ModerationSubjectKind.Organization, o.Id, o.Name, o.Status == OrganizationStatus.Hidden, null, null))
            .ToListAsync(ct);
        var recommendations = new List<ModerationSubject>();
        foreach (var id in subjects.Where(s => s.Kind == ModerationSubjectKind.Recommendation).Select(s => s.Id).Distinct())
            if (await Exchanges.RecommendationModeration.FindAsync(db, id, ct) is { } recommendation) recommendations.Add(recommendation);
        return listings.Concat(organizations).Concat(recommendations).ToDictionary(s => (s.Kind, s.Id));
    }
}

/// <summary>Who acted, as the journal keeps it.</summary>
public sealed record Moderator(Guid Id, string Name);
