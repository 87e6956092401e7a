using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Listings;

public sealed class DetailsModel(
    ElBasarDbContext db, HomeNetwork network, OrganizationAccess access, Territories territories, TimeProvider clock, ModerationNotices moderation) : PageModel
{
    /// <summary>For the staff and the organisation's owners and editors, who also see hidden listings: why this listing, or its organisation, is hidden.</summary>
    public ModerationNotice? Hidden { get; private set; }
    public ModerationNotice? OrganizationHidden { get; private set; }

    public ListingDetails Listing { get; private set; } = null!;
    public OrganizationDetails Organization { get; private set; } = null!;
    public Commune? Commune { get; private set; }
    public string? Departement { get; private set; }
    public string? Epci { get; private set; }
    public bool IsExpired { get; private set; }

    /// <summary>Anyone may see this listing (not a draft, hidden or members-only one): only then does the page describe it for search engines.</summary>
    public bool IsPublic { get; private set; }

    /// <summary>The reader is one of the organisation's owners or editors: they see its drafts and hidden listings, and the buttons.</summary>
    public bool CanManage { get; private set; }

    /// <summary>For the listing's people while it is online: the listings of the other kind and the members that could answer it.</summary>
    public Search.ListingMatchesResult? Matches { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        Guid id, [FromServices] Search.ListingMatches matches, [FromServices] Networks.NetworkAudiences audiences, CancellationToken ct)
    {
        var staff = AccountPolicies.IsStaff(User);
        var listing = await ListingDetails.FindAsync(db.Listings, id, includeHidden: staff, ct, await audiences.AnywhereAsync(User, ct));
        if (OrganizationAccess.UserIdOf(User) is { } userId)
        {
            var any = listing ?? await ListingDetails.FindAnyAsync(db.Listings, id, ct);
            CanManage = any is not null && await access.CanEditAsync(userId, any.Organization.Id, ct);
            if (CanManage) listing = any;
        }
        if (listing is null) return NotFound();
        Listing = listing;
        var organizationId = listing.Organization.Id;
        Organization = (await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), organizationId,
            await access.SeesMembersOnlyContactsAsync(User, organizationId, ct), ct, includeHidden: staff || CanManage))!;
        if (Organization is null) return NotFound();
        if (staff || CanManage)
        {
            Hidden = await moderation.FindAsync(ModerationSubjectKind.Listing, id, ct);
            OrganizationHidden = await moderation.FindAsync(ModerationSubjectKind.Organization, listing.Organization.Id, ct);
        }
        IsExpired = listing.IsExpired(clock.GetUtcNow().UtcDateTime);
        IsPublic = !(staff || CanManage) || await ListingDetails.FindAsync(db.Listings, id, ct) is not null;
        if (CanManage && listing.Status == "published" && !IsExpired && Hidden is null && OrganizationHidden is null)
            Matches = await matches.FindAsync(listing, ct);
        if (listing.CommuneInsee is { } code && territories.FindCommune(code) is { } commune)
        {
            Commune = commune;
            Departement = territories.FindDepartement(commune.DepartementCode)?.Name;
            Epci = commune.EpciCode is { } epci ? territories.FindEpci(epci)?.Name : null;
        }
        return Page();
    }
}
