using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Directory;

/// <summary>The members' directory: who is in the network, what they do, where.</summary>
public sealed class DirectoryModel(OrganizationDirectory directory, Taxonomy taxonomy, Territories territories) : PageModel
{
    const int PageSize = 24;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "legalForm")] public string? LegalForm { get; set; }
    [FromQuery(Name = "territory")] public string? Territory { get; set; }
    [FromQuery(Name = "activity")] public string? Activity { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Taxonomy Taxonomy => taxonomy;
    public OrganizationPage Results { get; private set; } = new(0, 1, PageSize, []);
    public IReadOnlyList<Departement> Departements { get; private set; } = [];
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Results.Total / (double)PageSize));

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The network's own region first: the départements people mean when they say "près de chez moi".
        Departements = territories.DepartementsOf("32");
        var legalForm = taxonomy.FindLegalForm(LegalForm)?.Slug;
        var territory = Territory is { Length: > 0 } t && (territories.FindDepartement(t) is not null || territories.FindEpci(t) is not null) ? t : null;
        var page = Math.Clamp(PageNumber, 1, 10_000);
        Results = await directory.SearchAsync(new DirectoryQuery(Q?.Trim(), legalForm, territory, Activity?.Trim(), null, page, PageSize), ct);
    }

    public string PageUrl(int page) => "/annuaire" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["legalForm"] = LegalForm, ["territory"] = Territory, ["activity"] = Activity,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
