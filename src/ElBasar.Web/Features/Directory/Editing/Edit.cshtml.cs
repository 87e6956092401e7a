using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Directory.Editing;

/// <summary>
/// An organisation's profile, edited by its owners and editors, and by the network's staff keeping the
/// member records (each of their changes goes into the audit log).
/// </summary>
[Authorize]
public sealed class EditModel(
    ElBasarDbContext db, OrganizationAccess access, Taxonomy taxonomy, Territories territories, AuditLog audit, TimeProvider clock)
    : PageModel, IProfileForm
{
    [BindProperty] public ProfileInput Input { get; set; } = new();

    public Taxonomy Taxonomy => taxonomy;
    public bool IsIndividual { get; private set; }
    public string CurrentName { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindEditableAsync(id, ct) is not { } organization) return NotFound();
        Input = ProfileInput.From(organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindEditableAsync(id, ct) is not { } organization) return NotFound();
        var values = ModelState.IsValid ? Input.Check(taxonomy, territories, ModelState) : null;
        if (values is null)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }
        var point = values.NeedsCommunePoint(organization) ? await CommunePoint.FindAsync(db, values.Commune!.Code, organization.Id, ct) : null;
        values.ApplyTo(organization, point, clock.GetUtcNow().UtcDateTime);
        if (!_ownPeople)
            await audit.AddAsync(AuditActions.OrganizationEdited, AuditSubjects.Organization, id.ToString(), $"Fiche de « {organization.Name} » modifiée", null, ct);
        await db.SaveChangesAsync(ct);
        return Redirect($"/structures/{id}");
    }

    /// <summary>The person edits as one of the organisation's people, not as staff.</summary>
    bool _ownPeople;

    // Not found and not allowed look alike from outside, so ids cannot be probed.
    async Task<Organization?> FindEditableAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId) return null;
        _ownPeople = await access.CanEditAsync(userId, id, ct);
        if (!_ownPeople && !AccountPolicies.IsStaff(User)) return null;
        var organization = await db.Organizations.FindAsync([id], ct);
        if (organization is null) return null;
        IsIndividual = organization.Kind == OrganizationKind.Individual;
        CurrentName = organization.Name;
        return organization;
    }
}
