using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The period's report, to print or save as PDF from the browser (the print stylesheet drops the site's chrome).</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class ReportModel(ImpactReport report, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (period, problems) = ImpactView.PeriodOf(From, To, clock);
        Problems = problems;
        View = new ImpactView(period, await report.ComputeAsync(period, ct), await report.LinksAsync(period, 20, ct), Names: true, "/animation/impact/rapport");
    }
}
