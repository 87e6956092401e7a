using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The network's headline figures and charts for everyone (the home page, the annual report): no
/// organisation is named but those that agreed (<see cref="ImpactConsent"/>).
/// </summary>
public sealed class PublicModel(ImpactReport report, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public IReadOnlyList<ImpactNamed> Named { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (period, _) = ImpactView.PeriodOf(From, To, clock);
        (From, To) = (period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd"));
        View = new ImpactView(period, await report.ComputeAsync(period, ct), [], Names: false, "/impact");
        Named = await report.NamedAsync(period, 50, ct);
    }
}
