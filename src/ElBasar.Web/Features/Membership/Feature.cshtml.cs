using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Membership;

/// <summary>"Mettre à la une": an organisation's people ask to feature one of its listings for a month, at its price.</summary>
[Authorize]
public sealed class FeatureModel(
    ElBasarDbContext db, OrganizationAccess access, Payments payments, IOptions<MembershipOptions> options, TimeProvider clock) : PageModel
{
    public string Title { get; private set; } = "";
    public Guid OrganizationId { get; private set; }
    public DateTime? FeaturedUntil { get; private set; }
    public bool FeaturedNow => FeaturedUntil > clock.GetUtcNow().UtcDateTime;
    public bool Live { get; private set; }
    public decimal Price => options.Value.FeaturePriceEur;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Live || await payments.RequestFeatureAsync(id, ct) is null) return Page();
        return Redirect($"/structures/{OrganizationId}/paiements");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.Title, l.OrganizationId, l.Status, l.FeaturedUntil }).SingleOrDefaultAsync(ct);
        if (listing is null || OrganizationAccess.UserIdOf(User) is not { } me || !await access.CanEditAsync(me, listing.OrganizationId, ct)) return false;
        (Title, OrganizationId, FeaturedUntil, Live) = (listing.Title, listing.OrganizationId, listing.FeaturedUntil, listing.Status == ListingStatus.Published);
        return true;
    }
}
