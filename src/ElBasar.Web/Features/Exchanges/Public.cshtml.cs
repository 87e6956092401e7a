using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// The headline figures and charts for everyone (the home page, the annual report), of the whole installation or of one
/// network (<c>?reseau=</c>, with its partners or not): no organisation is named but those that agreed (<see cref="ImpactConsent"/>).
/// Its figures cover whole finished months only (<see cref="ImpactPeriod.WholeFinishedMonths"/>) and its breakdowns keep
/// the statistical secret (<see cref="ImpactView.Secret"/>), as the open data do: anyone reads them.
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
        var (asked, _) = ImpactView.PeriodOf(From, To, clock);
        var period = asked.WholeFinishedMonths(DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime)));
        (From, To) = (period.From.ToString("yyyy-MM-dd"), period.To.ToString("yyyy-MM-dd"));
        Choice = await scopes.ForPublicAsync(HttpContext, ct);
        View = new ImpactView(period, Choice.Scope, await report.ComputeAsync(period, Choice.Scope, ct), [], Names: false, "/impact") { Secret = true };
        Named = await report.NamedAsync(period, Choice.Scope, 50, ct);
    }
}
