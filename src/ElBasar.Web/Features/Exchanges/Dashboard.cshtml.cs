using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The impact dashboard, for the facilitators and the board: figures, series, the network as a graph and a map.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class DashboardModel(ImpactReport report, TimeProvider clock) : PageModel
{
    public const int LinksShown = 150;

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (period, problems) = ImpactView.PeriodOf(From, To, clock);
        Problems = problems;
        if (problems.Count == 0) (From, To) = (period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd"));
        View = new ImpactView(period, await report.ComputeAsync(period, ct), await report.LinksAsync(period, LinksShown, ct), Names: true, "/animation/impact");
    }
}
