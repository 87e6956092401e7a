using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Administration;

/// <summary>The facilitators' dashboard: everything waiting for them, most urgent features first, each with its link.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class DashboardModel(IEnumerable<IBackOfficeSource> sources) : PageModel
{
    public IReadOnlyList<BackOfficeTile> Tiles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tiles = new List<BackOfficeTile>();
        foreach (var source in sources) tiles.AddRange(await source.TilesAsync(ct));
        Tiles = tiles.OrderBy(t => t.Order).ToList();
    }
}
