using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

public sealed class ProfileModel(ElBasarDbContext db, HomeNetwork network, Territories territories, TimeProvider clock, ModerationNotices moderation) : PageModel
{
    /// <summary>For the staff only, who also see hidden organisations: why this one is hidden.</summary>
    public ModerationNotice? Hidden { get; private set; }

    public OrganizationDetails Organization { get; private set; } = null!;
    public string? Departement { get; private set; }
    public string? Epci { get; private set; }
    public IReadOnlyList<ListingSummary> Listings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var staff = AccountPolicies.IsStaff(User);
        if (await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), id, includeHidden: staff, ct) is not { } organization) return NotFound();
        Organization = organization;
        if (staff) Hidden = await moderation.FindAsync(ModerationSubjectKind.Organization, id, ct);
        if (organization.CommuneInsee is { } code && territories.FindCommune(code) is { } commune)
        {
            Departement = territories.FindDepartement(commune.DepartementCode)?.Name;
            Epci = commune.EpciCode is { } epci ? territories.FindEpci(epci)?.Name : null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Listings = await ListingSummaries.Project(db.Listings.AsNoTracking()
                .Where(l => l.OrganizationId == id && l.Status == ListingStatus.Published && l.Visibility == ListingVisibility.Everyone
                            && (l.ExpiresAt == null || l.ExpiresAt > now))
                .OrderByDescending(l => l.CreatedAt))
            .ToListAsync(ct);
        return Page();
    }
}
