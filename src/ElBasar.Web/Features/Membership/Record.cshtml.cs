using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>One organisation's memberships, for the facilitators: its history with receipts, and the form to record a payment.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class RecordModel(ElBasarDbContext db, Memberships memberships) : PageModel
{
    public string OrganizationName { get; private set; } = "";
    public MembershipSummary Summary { get; private set; } = null!;
    public MembershipTier Tier { get; private set; } = null!;
    public IReadOnlyList<Membership> History { get; private set; } = [];
    public MemberDetails? Details { get; private set; }
    public int ThisYear { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Recorded { get; private set; }

    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Method { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? recu, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Recorded = recu;
        Year ??= Summary.Status == MembershipState.Active && Summary.Year is { } paid ? paid + 1 : ThisYear;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        decimal? amount = null;
        if (Amount is { Length: > 0 } typed)
        {
            if (decimal.TryParse(typed.Replace(" ", "").Replace('.', ','), System.Globalization.NumberStyles.Number, Infrastructure.Web.WebModule.French, out var parsed))
                amount = parsed;
            else
            {
                Errors["amount"] = ["Le montant doit être un nombre d'euros, par exemple 15 ou 12,50."];
                return Page();
            }
        }
        var (recorded, errors) = await memberships.RecordPaymentAsync(id, new Memberships.PaymentInput(Year, Method, amount, Note),
            OrganizationAccess.UserIdOf(User)!.Value, ct);
        if (recorded is null)
        {
            Errors = errors;
            return Page();
        }
        return Redirect($"/animation/adhesions/{id}?recu={Uri.EscapeDataString(recorded.ReceiptNumber ?? "exoneree")}");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct);
        if (name is null || await memberships.SummaryAsync(id, ct) is not { } summary) return false;
        (OrganizationName, Summary) = (name, summary);
        Tier = (await memberships.TierOfAsync(id, ct))!;
        History = await memberships.HistoryAsync(id, ct);
        Details = await db.MemberDetails.AsNoTracking().SingleOrDefaultAsync(d => d.OrganizationId == id, ct);
        ThisYear = memberships.Today.Year;
        return true;
    }
}
