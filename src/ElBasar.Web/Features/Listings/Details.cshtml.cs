using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Listings;

public sealed class DetailsModel(ElBasarDbContext db, HomeNetwork network, OrganizationAccess access, Territories territories, TimeProvider clock) : PageModel
{
    public ListingDetails Listing { get; private set; } = null!;
    public OrganizationDetails Organization { get; private set; } = null!;
    public Commune? Commune { get; private set; }
    public string? Departement { get; private set; }
    public string? Epci { get; private set; }
    public bool IsExpired { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await ListingDetails.FindAsync(db.Listings, id, ct) is not { } listing) return NotFound();
        Listing = listing;
        var organizationId = listing.Organization.Id;
        Organization = (await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), organizationId,
            await access.SeesMembersOnlyContactsAsync(User, organizationId, ct), ct))!;
        if (Organization is null) return NotFound();
        IsExpired = listing.IsExpired(clock.GetUtcNow().UtcDateTime);
        if (listing.CommuneInsee is { } code && territories.FindCommune(code) is { } commune)
        {
            Commune = commune;
            Departement = territories.FindDepartement(commune.DepartementCode)?.Name;
            Epci = commune.EpciCode is { } epci ? territories.FindEpci(epci)?.Name : null;
        }
        return Page();
    }
}
