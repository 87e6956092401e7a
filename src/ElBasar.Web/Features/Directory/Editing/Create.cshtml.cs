using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Editing;

/// <summary>A new profile: an organisation, or a person acting on their own behalf. Whoever creates it becomes its owner.</summary>
[Authorize]
public sealed class CreateModel(ElBasarDbContext db, UserManager<User> users, HomeNetwork network, Taxonomy taxonomy,
    Territories territories, TimeProvider clock) : PageModel, IProfileForm
{
    public const string IndividualType = "personne";

    [BindProperty] public ProfileInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }

    public Taxonomy Taxonomy => taxonomy;
    public bool IsIndividual => Type == IndividualType;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (IsIndividual && await users.GetUserAsync(User) is { } user) Input.Name = user.DisplayName;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        var values = ModelState.IsValid ? Input.Check(taxonomy, territories, ModelState) : null;
        if (values is not null && IsIndividual && await HasIndividualProfileAsync(userId, ct))
            ModelState.AddModelError("", "Vous avez déjà un profil personnel : vous le retrouvez dans votre espace.");
        if (values is null || !ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organization = new Organization
        {
            Name = values.Name,
            Kind = IsIndividual ? OrganizationKind.Individual : OrganizationKind.Organization,
            CreatedAt = now,
            Networks = [new NetworkMembership { NetworkId = await network.IdAsync(ct), IsMember = false, Since = now }],
        };
        var point = values.NeedsCommunePoint(organization) ? await CommunePoint.FindAsync(db, values.Commune!.Code, organization.Id, ct) : null;
        values.ApplyTo(organization, point, now);
        db.Organizations.Add(organization);
        db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organization.Id, UserId = userId, Role = OrganizationRole.Owner, Since = now });
        await db.SaveChangesAsync(ct);
        return Redirect($"/structures/{organization.Id}");
    }

    Task<bool> HasIndividualProfileAsync(Guid userId, CancellationToken ct)
    {
        var organizations = db.Organizations;
        return db.OrganizationMembers.AnyAsync(m => m.UserId == userId && m.Role == OrganizationRole.Owner
            && organizations.Any(o => o.Id == m.OrganizationId && o.Kind == OrganizationKind.Individual), ct);
    }
}
