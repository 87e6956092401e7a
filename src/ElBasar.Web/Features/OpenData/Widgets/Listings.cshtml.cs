using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData.Widgets;

/// <summary>
/// An organisation's live listings, for an iframe on its own website (the only pages other sites may frame,
/// see SecurityHeaders): published, open to everyone, not expired. An unknown or hidden organisation gets a 404 in
/// the widget's own layout, not the site's error page, which carries the site's menu and is never framed.
/// </summary>
public sealed class ListingsWidgetModel(ElBasarDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Enough for a column on a member's site; the link below leads to the rest.</summary>
    public const int MaxListings = 20;

    /// <summary>No such organisation, or a hidden one.</summary>
    public bool Missing { get; private set; }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<ListingSummary> Listings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == id && o.Status == OrganizationStatus.Active)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            (Missing, Response.StatusCode) = (true, StatusCodes.Status404NotFound);
            return Page();
        }
        (Id, Name) = (id, name);
        var now = clock.GetUtcNow().UtcDateTime;
        Listings = await ListingSummaries.Project(db.Listings.AsNoTracking()
                .Where(l => l.OrganizationId == id && l.Status == ListingStatus.Published && l.Visibility == ListingVisibility.Everyone && db.Set<Network>().Any(n => n.IsHome && n.Id == l.NetworkId)
                            && (l.ExpiresAt == null || l.ExpiresAt > now))
                .OrderByDescending(l => l.CreatedAt).Take(MaxListings))
            .ToListAsync(ct);
        return Page();
    }
}
