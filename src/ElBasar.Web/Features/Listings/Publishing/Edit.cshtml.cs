using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// A listing edited by its organisation's owners and editors, and the buttons of its life: pause,
/// put back online, close as pourvue or retirée, renew. The buttons post here from the listing's page
/// and from the organisation's listings, and go back where they were pressed.
/// </summary>
[Authorize]
public sealed class EditModel(ListingPublisher publisher, ElBasarDbContext db, Taxonomy taxonomy, Territories territories)
    : PageModel, IListingForm
{
    [BindProperty] public ListingInput Input { get; set; } = new();

    public Taxonomy Taxonomy => taxonomy;
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public string? OrganizationCommune { get; private set; }
    public Guid OrganizationId { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public string CurrentTitle { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } listing) return NotFound();
        Input = ListingInput.From(listing, territories);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is null) return NotFound();
        if (Input.ToFields(territories, ModelState) is not { } fields) return Refused();
        var result = await publisher.UpdateAsync(UserId, id, _ => fields, ct);
        if (result.Outcome == PublishingOutcome.Invalid)
        {
            ListingInput.AddErrors(ModelState, result.Errors);
            return Refused();
        }
        return result.Outcome == PublishingOutcome.Done ? Redirect(ListingLinks.PagePath(id)) : NotFound();
    }

    public async Task<IActionResult> OnPostPauseAsync(Guid id, string? returnUrl, CancellationToken ct) =>
        After(await publisher.PauseAsync(UserId, id, ct), returnUrl, id);

    public async Task<IActionResult> OnPostRepublishAsync(Guid id, string? returnUrl, CancellationToken ct) =>
        After(await publisher.RepublishAsync(UserId, id, ct), returnUrl, id);

    public async Task<IActionResult> OnPostRenewAsync(Guid id, string? returnUrl, CancellationToken ct) =>
        After(await publisher.RenewAsync(UserId, id, ct), returnUrl, id);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? outcome, string? returnUrl, CancellationToken ct)
    {
        if (!Slug.TryParse<ListingOutcome>(outcome, out var parsed)) return BadRequest();
        return After(await publisher.CloseAsync(UserId, id, parsed, ct), returnUrl, id);
    }

    /// <summary>Back where the button was pressed; a conflict (a hidden listing) shows the error page, the buttons being offered only where they work.</summary>
    IActionResult After(PublishingResult result, string? returnUrl, Guid id) => result.Outcome switch
    {
        PublishingOutcome.Done => Redirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : ListingLinks.PagePath(id)),
        PublishingOutcome.Conflict => StatusCode(StatusCodes.Status409Conflict),
        _ => NotFound(),
    };

    IActionResult Refused()
    {
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return Page();
    }

    // Not found and not allowed look alike from outside, so ids cannot be probed.
    async Task<Listing?> FindAsync(Guid id, CancellationToken ct)
    {
        if (await publisher.FindEditableAsync(UserId, id, ct) is not { } listing) return null;
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == listing.OrganizationId)
            .Select(o => new { o.Name, o.Commune }).SingleAsync(ct);
        (OrganizationId, OrganizationName, OrganizationCommune, CurrentTitle) = (listing.OrganizationId, organization.Name, organization.Commune, listing.Title);
        Categories = taxonomy.CategoriesFor(listing.NetworkId);
        return listing;
    }

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;
}
