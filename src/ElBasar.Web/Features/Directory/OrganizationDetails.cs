using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

/// <summary>An organisation's public profile, for its page and <c>GET /api/v1/organizations/{id}</c>.</summary>
public sealed record OrganizationDetails(
    Guid Id, string? ExternalId, string Name, string Kind, string? LegalForm, string? Description, IReadOnlyList<string> Activities,
    string? CommuneInsee, string? Commune, string? PostalCode, double? Latitude, double? Longitude,
    string? Email, string? Phone, string? Website, int? Employees, bool Member)
{
    public static Task<OrganizationDetails?> FindAsync(ElBasarDbContext db, Guid homeNetworkId, Guid id, CancellationToken ct) =>
        FindAsync(db, homeNetworkId, id, includeHidden: false, ct);

    /// <summary>With <paramref name="includeHidden"/>, also an organisation hidden by moderation: for the staff.</summary>
    public static async Task<OrganizationDetails?> FindAsync(ElBasarDbContext db, Guid homeNetworkId, Guid id, bool includeHidden, CancellationToken ct) =>
        await db.Organizations.AsNoTracking()
            .Where(o => o.Id == id && (o.Status == OrganizationStatus.Active || includeHidden))
            .Select(o => new OrganizationDetails(
                o.Id, o.ExternalId, o.Name, o.Kind == OrganizationKind.Individual ? "individual" : "organization",
                o.LegalForm, o.Description, o.Activities.OrderBy(a => a.Position).Select(a => a.Label).ToList(),
                o.CommuneInsee, o.Commune, o.PostalCode, o.Latitude, o.Longitude, o.Email, o.Phone, o.Website, o.Employees,
                o.Networks.Any(m => m.NetworkId == homeNetworkId && m.IsMember)))
            .FirstOrDefaultAsync(ct);
}
