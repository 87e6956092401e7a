using ElBasar.Web.Features.OpenData;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>What the dashboard, the printable report and the public page show: the period and scope, its figures, and whether names may appear.</summary>
public sealed record ImpactView(ImpactPeriod Period, ImpactScope Scope, ImpactFigures Figures, IReadOnlyList<ImpactLink> Links, bool Names, string BasePath)
{
    /// <summary>The query string of this period and scope, for links to the other pages and the exports.</summary>
    public string Query => Period.Query + "&" + Scope.Query;

    /// <summary>
    /// The public page's: its breakdowns keep the statistical secret of the open data (<see cref="StatisticalSecret"/>),
    /// since anyone reads them; those who run a network see them whole.
    /// </summary>
    public bool Secret { get; init; }

    /// <summary>
    /// A series' lines as the page shows them, each with whether the statistical secret hides its figures: on the public
    /// page, a line of 1 to 4 exchanges, and the smallest others that keep it from being read as the total minus the
    /// shown lines (<see cref="StatisticalSecret.HideColumn"/>). In memory, over the few lines of the series.
    /// </summary>
    public IReadOnlyList<(ImpactLine Line, bool Hidden)> Published(IReadOnlyList<ImpactLine> lines)
    {
        var hidden = Secret ? StatisticalSecret.HideColumn(lines.Select(l => l.Exchanges).ToList()) : new bool[lines.Count];
        return lines.Select((line, i) => (line, hidden[i])).ToList();
    }

    public string Money(decimal euros) => euros.ToString("#,##0.00", WebModule.French) + " €";
    public static string Number(decimal value) => value.ToString("#,##0.##", WebModule.French);
    public static string Share(double share) => (share * 100).ToString("0.#", WebModule.French) + " %";

    /// <summary>?from=&amp;to= read for a page: bad or missing dates fall back to the last twelve months, with the errors to show.</summary>
    public static (ImpactPeriod Period, IReadOnlyList<string> Problems) PeriodOf(string? from, string? to, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));
        if (ImpactPeriod.Parse(from, to, today, errors) is { } period) return (period, []);
        return (ImpactPeriod.Parse(null, null, today, new())!.Value, errors.SelectMany(e => e.Value).ToList());
    }
}

/// <summary>The form at the top of the impact pages: the period and, when the installation has several networks, the network.</summary>
public sealed record ImpactForm(string? From, string? To, string Path, ImpactChoice Choice)
{
    public bool ShowsNetworks => Choice.Networks.Count + (Choice.OffersInstallation ? 1 : 0) > 1;
}
