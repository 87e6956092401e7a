using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>One recommendation, where reports point: public while visible, for the staff once hidden.</summary>
public sealed class RecommendationPageModel(ExchangeViews views) : PageModel
{
    public RecommendationView Recommendation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await views.Recommendations(r => r.Id == id).FirstOrDefaultAsync(ct) is not { } recommendation
            || (recommendation.Hidden && !AccountPolicies.IsStaff(User))) return NotFound();
        Recommendation = recommendation;
        return Page();
    }
}
