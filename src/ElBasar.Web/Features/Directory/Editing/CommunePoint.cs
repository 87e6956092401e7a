using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Editing;

/// <summary>
/// A commune's point, for a profile without coordinates: the administrative split carries none, so it
/// is the centre of the places already known there (organisations and listings), as search does.
/// </summary>
public static class CommunePoint
{
    public static async Task<GeoPoint?> FindAsync(ElBasarDbContext db, string communeCode, Guid exceptOrganization, CancellationToken ct)
    {
        var points = await db.Organizations.AsNoTracking()
            .Where(o => o.CommuneInsee == communeCode && o.Id != exceptOrganization && o.Latitude != null && o.Longitude != null)
            .Select(o => new { o.Latitude, o.Longitude })
            .Concat(db.Listings.AsNoTracking()
                .Where(l => l.CommuneInsee == communeCode && l.OrganizationId != exceptOrganization && l.Latitude != null && l.Longitude != null)
                .Select(l => new { l.Latitude, l.Longitude }))
            .Take(500)
            .ToListAsync(ct);
        return points.Count == 0 ? null : new GeoPoint(points.Average(p => p.Latitude!.Value), points.Average(p => p.Longitude!.Value));
    }
}
