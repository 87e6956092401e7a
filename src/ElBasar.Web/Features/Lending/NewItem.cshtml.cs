using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Lending;

/// <summary>"Proposer du matériel en prêt": an item and its loan listing, for one of the person's organisations.</summary>
[Authorize]
public sealed class NewItemModel(LoanDesk desk, OrganizationAccess access, Taxonomy taxonomy, Networks.CurrentNetwork current) : PageModel
{
    public sealed class ItemInput
    {
        public Guid? OrganizationId { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Category { get; set; } = "equipment";
        public string? Quantity { get; set; } = "1";
        public string? DepositEur { get; set; }
        public string? FeeEur { get; set; }
        public string? Conditions { get; set; }
        public string? PickupPlace { get; set; }
        public string? PickupHours { get; set; }
        public string? Audience { get; set; } = "members";
        public bool AutoApprove { get; set; }
        public string? MaxLoanDays { get; set; } = "14";
    }

    [BindProperty] public ItemInput Input { get; set; } = new();
    public Taxonomy Taxonomy => taxonomy;
    public IReadOnlyList<UserOrganization> Organizations { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? structure, CancellationToken ct)
    {
        Organizations = await access.OrganizationsOfAsync(UserId, ct);
        if (structure is { } wanted && Organizations.All(o => o.Id != wanted)) return NotFound();
        Input.OrganizationId = structure ?? (Organizations.Count == 1 ? Organizations[0].Id : null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organizations = await access.OrganizationsOfAsync(UserId, ct);
        if (Input.OrganizationId is not { } organizationId || Organizations.All(o => o.Id != organizationId))
        {
            ModelState.AddModelError("Input.OrganizationId", "Choisissez la structure qui prête ce matériel.");
            return Refused();
        }
        var result = await desk.CreateItemAsync(UserId, organizationId, new ItemFields
        {
            Title = Input.Title, Description = Input.Description, Category = Input.Category, Quantity = Input.Quantity,
            DepositEur = Input.DepositEur, FeeEur = Input.FeeEur, Conditions = Input.Conditions, PickupPlace = Input.PickupPlace,
            PickupHours = Input.PickupHours, Audience = Input.Audience, AutoApprove = Input.AutoApprove, MaxLoanDays = Input.MaxLoanDays,
        }, ct, (await current.ResolveAsync(HttpContext, ct)).Id);
        if (result.Outcome == LendingOutcome.Done) return Redirect($"/pret/{result.Item!.Id}");
        if (result.Outcome != LendingOutcome.Invalid) return NotFound();
        foreach (var (key, messages) in result.Errors)
            foreach (var message in messages) ModelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], message);
        return Refused();
    }

    IActionResult Refused()
    {
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return Page();
    }

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;
}
