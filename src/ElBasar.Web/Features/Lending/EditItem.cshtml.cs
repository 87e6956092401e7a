using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>"Modifier les conditions du prêt", for the item's people; the listing's own page edits its text and photos.</summary>
[Authorize]
public sealed class EditItemModel(ElBasarDbContext db, LoanDesk desk, OrganizationAccess access) : PageModel
{
    [BindProperty] public NewItemModel.ItemInput Input { get; set; } = new();
    public string Title { get; private set; } = "";
    public Guid ListingId { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is not { } item) return NotFound();
        Input = new NewItemModel.ItemInput
        {
            Quantity = item.Quantity.ToString(CultureInfo.InvariantCulture),
            DepositEur = item.DepositEur?.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ','),
            FeeEur = item.FeeEur?.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ','),
            Conditions = item.Conditions, PickupPlace = item.PickupPlace, PickupHours = item.PickupHours,
            Audience = Slug.Of(item.Audience), AutoApprove = item.AutoApprove, MaxLoanDays = item.MaxLoanDays.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is null) return NotFound();
        var result = await desk.UpdateItemAsync(OrganizationAccess.UserIdOf(User)!.Value, id, new ItemFields
        {
            Quantity = Input.Quantity, DepositEur = Input.DepositEur, FeeEur = Input.FeeEur, Conditions = Input.Conditions,
            PickupPlace = Input.PickupPlace, PickupHours = Input.PickupHours, Audience = Input.Audience, AutoApprove = Input.AutoApprove,
            MaxLoanDays = Input.MaxLoanDays,
        }, ct);
        if (result.Outcome == LendingOutcome.Done) return Redirect($"/pret/{id}");
        if (result.Outcome != LendingOutcome.Invalid) return NotFound();
        foreach (var (key, messages) in result.Errors)
            foreach (var message in messages) ModelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], message);
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        return Page();
    }

    async Task<LendingItem?> LoadAsync(Guid id, CancellationToken ct)
    {
        var item = await db.LendingItems.AsNoTracking().Include(i => i.Listing).SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null || !await access.CanEditAsync(OrganizationAccess.UserIdOf(User)!.Value, item.OrganizationId, ct)) return null;
        (Title, ListingId) = (item.Listing!.Title, item.ListingId);
        return item;
    }
}
