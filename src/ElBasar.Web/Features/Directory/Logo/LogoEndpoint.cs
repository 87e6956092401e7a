using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using ElBasar.Web.Features.Listings.Photos;

namespace ElBasar.Web.Features.Directory.Logo;

/// <summary>
/// <c>GET /logos/{id}</c>: a logo, with its type from its bytes and <c>nosniff</c>. Its id changes with
/// each upload, so a public one is cached for a year; a hidden organisation's only for its people and the staff.
/// </summary>
public static class LogoEndpoint
{
    public static IEndpointRouteBuilder MapOrganizationLogos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/logos/{id:guid}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> ServeAsync(Guid id, HttpContext http, ElBasarDbContext db, OrganizationAccess access, CancellationToken ct)
    {
        var logo = await db.Set<OrganizationLogo>().AsNoTracking().Where(l => l.Id == id)
            .Join(db.Organizations, l => l.OrganizationId, o => o.Id, (l, o) => new { l.OrganizationId, l.ContentType, Public = o.Status == OrganizationStatus.Active })
            .FirstOrDefaultAsync(ct);
        if (logo is null || !logo.Public && !(AccountPolicies.IsStaff(http.User)
                || OrganizationAccess.UserIdOf(http.User) is { } userId && await access.CanEditAsync(userId, logo.OrganizationId, ct)))
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        return await PhotoEndpoint.ServeImageAsync(http, id, logo.Public, logo.ContentType,
            () => db.Set<OrganizationLogo>().Where(l => l.Id == id).Select(l => l.Bytes).FirstOrDefaultAsync(ct));
    }
}
