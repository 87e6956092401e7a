using System.Globalization;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// "Qui a décroché ?": members with no listing, message or confirmed exchange for N months, the longest
/// silent first, with their contacts and the last follow-up call; the facilitator records a new one here.
/// </summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class DriftModel(MemberActivity activity, ExchangeViews views, TimeProvider clock) : PageModel
{
    public static readonly int[] Choices = [3, 6, 12, 24];

    [BindProperty(SupportsGet = true, Name = "mois")] public int Months { get; set; } = 6;
    public IReadOnlyList<MemberLine> Members { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [BindProperty] public Guid OrganizationId { get; set; }
    [BindProperty] public string? ContactedOn { get; set; }
    [BindProperty] public string? Note { get; set; }

    public string Today => DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Choices.Contains(Months)) Months = 6;
        Members = await activity.DriftedAsync(Months, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Choices.Contains(Months)) Months = 6;
        var problems = new List<string>();
        if (!DateOnly.TryParseExact(ContactedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            problems.Add("Indiquez la date du contact (AAAA-MM-JJ).");
        if (Note?.Trim().Length > MemberContact.MaxNoteLength) problems.Add("La note doit faire au plus 1 000 caractères.");
        Members = await activity.DriftedAsync(Months, ct);
        if (Members.All(m => m.Id != OrganizationId)) problems.Add("Cette structure n'est pas dans la liste.");
        if (problems.Count > 0)
        {
            Problems = problems;
            return Page();
        }
        var me = OrganizationAccess.UserIdOf(User)!.Value;
        await activity.RecordContactAsync(OrganizationId, on, Note, me, await views.UserNameAsync(me, ct) ?? "animation", ct);
        return Redirect($"/animation/impact/decroches?mois={Months}#structure-{OrganizationId}");
    }
}
