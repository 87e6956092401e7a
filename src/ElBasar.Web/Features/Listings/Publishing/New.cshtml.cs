using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>"Publier une offre ou une demande", always on behalf of one of the person's organisations.</summary>
[Authorize]
public sealed class NewModel(ListingPublisher publisher, OrganizationAccess access, Taxonomy taxonomy, Territories territories, Networks.CurrentNetwork current)
    : PageModel, IListingForm
{
    [BindProperty] public ListingInput Input { get; set; } = new();

    public Taxonomy Taxonomy => taxonomy;
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public IReadOnlyList<UserOrganization> Organizations { get; private set; } = [];
    public string? OrganizationCommune { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The organisation chosen in the picker, or the only one.</summary>
    public UserOrganization? Chosen => Organizations.FirstOrDefault(o => o.Id == Input.OrganizationId);

    public async Task<IActionResult> OnGetAsync(Guid? structure, CancellationToken ct)
    {
        Organizations = await access.OrganizationsOfAsync(UserId, ct);
        // An organisation one does not belong to is not offered, nor named: ids cannot be probed.
        if (structure is { } wanted && Organizations.All(o => o.Id != wanted)) return NotFound();
        Input.OrganizationId = structure ?? (Organizations.Count == 1 ? Organizations[0].Id : null);
        await LoadCommuneAsync(ct);
        Categories = taxonomy.CategoriesFor((await current.ResolveAsync(HttpContext, ct)).Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organizations = await access.OrganizationsOfAsync(UserId, ct);
        await LoadCommuneAsync(ct);
        var network = await current.ResolveAsync(HttpContext, ct);
        Categories = taxonomy.CategoriesFor(network.Id);
        if (Input.OrganizationId is not { } organizationId)
        {
            if (Organizations.Count == 0) return NotFound();
            ModelState.AddModelError(ListingInput.FieldOf[ListingFields.Keys.OrganizationId], "Choisissez la structure au nom de laquelle vous publiez.");
            return Refused();
        }
        if (Input.ToFields(territories, ModelState) is not { } fields) return Refused();
        var result = await publisher.CreateAsync(UserId, organizationId, fields, ct, network.Id);
        switch (result.Outcome)
        {
            case PublishingOutcome.Done:
                return Redirect(ListingLinks.PagePath(result.Listing!.Id));
            case PublishingOutcome.Invalid:
                ListingInput.AddErrors(ModelState, result.Errors);
                return Refused();
            default:
                return NotFound();
        }
    }

    IActionResult Refused()
    {
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return Page();
    }

    async Task LoadCommuneAsync(CancellationToken ct)
    {
        if (Input.OrganizationId is { } id && Organizations.Any(o => o.Id == id))
            OrganizationCommune = await publisher.OrganizationCommuneAsync(id, ct);
    }

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;
}
