using ElBasar.Web.Features.Listings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>The cooperations of the network, as the departmental guide sorts them: by kind, sector, territory, status and words.</summary>
public sealed class CooperationsIndexModel(CooperationCatalog catalog, TerritoryCoverage coverage, Taxonomy taxonomy) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "sector")] public string? Sector { get; set; }
    [FromQuery(Name = "territory")] public string? Territory { get; set; }
    [FromQuery(Name = "status")] public string? Status { get; set; }

    public TerritoryCoverage Coverage => coverage;
    public Taxonomy Taxonomy => taxonomy;
    public IReadOnlyList<CooperationCatalog.Summary> Results { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool MayCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Unknown values are ignored, as the directory does: the page always answers.
        CooperationKind? kind = CooperationWords.TryParseKind(Kind, out var k) ? k : null;
        CooperationStatus? status = CooperationWords.TryParseStatus(Status, out var s) ? s : null;
        var sector = taxonomy.FindCategory(Sector)?.Slug;
        var territory = coverage.IsFilter(Territory) ? Territory!.Trim() : null;
        Results = await catalog.SearchAsync(new CooperationQuery(Q?.Trim() is { Length: > 0 and <= 200 } q ? q : null, kind, sector, territory, status), ct);
        Today = catalog.Today;
        MayCreate = await catalog.MayCreateAsync(User, ct);
    }
}
