using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The headline figures and charts for everyone (the home page, the annual report), of the whole installation or of one
/// network (<c>?reseau=</c>, with its partners or not): no organisation is named but those that agreed (<see cref="ImpactConsent"/>).
/// </summary>
public sealed class PublicModel(ImpactReport report, ImpactScopes scopes, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    public ImpactView View { get; private set; } = null!;
    public ImpactChoice Choice { get; private set; } = null!;
    public IReadOnlyList<ImpactNamed> Named { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (period, _) = ImpactView.PeriodOf(From, To, clock);
        (From, To) = (period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd"));
        Choice = await scopes.ForPublicAsync(HttpContext, ct);
        View = new ImpactView(period, Choice.Scope, await report.ComputeAsync(period, Choice.Scope, ct), [], Names: false, "/impact");
        Named = await report.NamedAsync(period, Choice.Scope, 50, ct);
    }
}
