using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>A recommendation as pages show it: who wrote it about whom, after which exchange.</summary>
public sealed record RecommendationView(
    Guid Id, Guid ExchangeId, string ExchangeDescription, DateOnly ExchangeDate, Guid AuthorOrganizationId, string AuthorName,
    Guid SubjectOrganizationId, string SubjectName, int Rating, string Comment, DateTime CreatedAt, string? Answer, DateTime? AnsweredAt, bool Hidden);

/// <summary>An exchange line in lists: the parties by name.</summary>
public sealed record ExchangeLine(
    Guid Id, DateOnly Date, string Description, string Mode, ExchangeStatus Status, Guid FromId, string FromName, Guid ToId, string ToName,
    long? AmountCents, int? Minutes, int? Days);

/// <summary>Reads for the exchange pages and the profiles' recommendations.</summary>
public sealed class ExchangeViews(ElBasarDbContext db)
{
    public IQueryable<RecommendationView> Recommendations(System.Linq.Expressions.Expression<Func<Recommendation, bool>> where)
    {
        var organizations = db.Organizations;
        var exchanges = db.Exchanges;
        return db.Recommendations.AsNoTracking().Where(where).Select(r => new RecommendationView(
            r.Id, r.ExchangeId, exchanges.Where(e => e.Id == r.ExchangeId).Select(e => e.Description).First(),
            exchanges.Where(e => e.Id == r.ExchangeId).Select(e => e.Date).First(),
            r.AuthorOrganizationId, organizations.Where(o => o.Id == r.AuthorOrganizationId).Select(o => o.Name).First(),
            r.SubjectOrganizationId, organizations.Where(o => o.Id == r.SubjectOrganizationId).Select(o => o.Name).First(),
            r.Rating, r.Comment, r.CreatedAt, r.Answer, r.AnsweredAt, r.Hidden));
    }

    /// <summary>The visible recommendations about an organisation, newest first.</summary>
    public async Task<IReadOnlyList<RecommendationView>> AboutAsync(Guid organizationId, CancellationToken ct) =>
        (await Recommendations(r => r.SubjectOrganizationId == organizationId && !r.Hidden).ToListAsync(ct))
            .OrderByDescending(r => r.CreatedAt).ToList();

    public async Task<IReadOnlyList<ExchangeLine>> LinesAsync(IQueryable<Exchange> exchanges, CancellationToken ct)
    {
        var organizations = db.Organizations;
        return await exchanges.AsNoTracking().OrderByDescending(e => e.Date).ThenByDescending(e => e.CreatedAt)
            .Select(e => new ExchangeLine(e.Id, e.Date, e.Description, e.Mode, e.Status,
                e.FromOrganizationId, organizations.Where(o => o.Id == e.FromOrganizationId).Select(o => o.Name).First(),
                e.ToOrganizationId, organizations.Where(o => o.Id == e.ToOrganizationId).Select(o => o.Name).First(),
                e.AmountCents, e.Minutes, e.Days))
            .ToListAsync(ct);
    }

    public Task<string?> UserNameAsync(Guid? id, CancellationToken ct) =>
        id is { } userId ? db.Set<User>().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : Task.FromResult<string?>(null);

    public static string StatusLabel(ExchangeStatus status) => status switch
    {
        ExchangeStatus.Confirmed => "Confirmé",
        ExchangeStatus.Disputed => "Contesté",
        _ => "En attente de confirmation",
    };

    public static string Measure(long? amountCents, int? minutes, int? days, long? valueCents = null)
    {
        var french = Infrastructure.Web.WebModule.French;
        var parts = new List<string>();
        if (amountCents is { } a) parts.Add((a / 100m).ToString("#,##0.00", french) + " €");
        if (minutes is { } m) parts.Add((m / 60m).ToString("0.##", french) + " h");
        if (days is { } d) parts.Add(d == 1 ? "1 jour de prêt" : $"{d} jours de prêt");
        if (valueCents is { } v) parts.Add("valeur estimée " + (v / 100m).ToString("#,##0.00", french) + " €");
        return string.Join(" · ", parts);
    }
}
