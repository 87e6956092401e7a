using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The period's report, to print or save as PDF from the browser (the print stylesheet drops the site's chrome); scoped as the dashboard.</summary>
[Authorize]
public sealed class ReportModel(ImpactReport report, ImpactScopes scopes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await scopes.ForDetailsAsync(HttpContext, ct) is not { } choice) return Forbid();
        var (period, problems) = ImpactView.PeriodOf(From, To, clock);
        Problems = [.. problems, .. choice.Problems];
        View = new ImpactView(period, choice.Scope, await report.ComputeAsync(period, choice.Scope, ct),
            await report.LinksAsync(period, choice.Scope, 20, ct), Names: true, "/animation/impact/rapport");
        return Page();
    }
}
