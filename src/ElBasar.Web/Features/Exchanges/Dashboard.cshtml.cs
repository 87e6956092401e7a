using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The impact dashboard, for the facilitators and the board: figures, series, the network as a graph and a map; of the
/// networks the person runs (<see cref="ImpactScopes"/>), or of the whole installation for whoever runs them all.
/// </summary>
[Authorize]
public sealed class DashboardModel(ImpactReport report, ImpactScopes scopes, TimeProvider clock) : PageModel
{
    public const int LinksShown = 150;

    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public ImpactChoice Choice { get; private set; } = null!;
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await scopes.ForDetailsAsync(HttpContext, ct) is not { } choice) return Forbid();
        Choice = choice;
        var (period, problems) = ImpactView.PeriodOf(From, To, clock);
        Problems = [.. problems, .. choice.Problems];
        if (problems.Count == 0) (From, To) = (period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd"));
        View = new ImpactView(period, choice.Scope, await report.ComputeAsync(period, choice.Scope, ct),
            await report.LinksAsync(period, choice.Scope, LinksShown, ct), Names: true, "/animation/impact");
        return Page();
    }
}
