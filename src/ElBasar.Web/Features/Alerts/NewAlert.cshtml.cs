using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// "Créer une alerte" from the results page: the search comes in the address, as on <c>/recherche</c>,
/// so signing in first brings the person back to the same search; they name it and choose how often.
/// </summary>
[Authorize]
public sealed class NewAlertModel(SavedSearches searches, AlertDescriptions descriptions, CurrentNetwork current) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "category")] public string[]? Category { get; set; }
    [FromQuery(Name = "mode")] public string[]? Mode { get; set; }
    [FromQuery(Name = "market")] public string? Market { get; set; }
    [FromQuery(Name = "territory")] public string? Territory { get; set; }
    [FromQuery(Name = "commune")] public string? Commune { get; set; }
    [FromQuery(Name = "radiusKm")] public string? RadiusKm { get; set; }
    [FromQuery(Name = "lat")] public string? Lat { get; set; }
    [FromQuery(Name = "lon")] public string? Lon { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Frequency { get; set; } = "daily";

    public ListingQuery Query { get; private set; } = new();
    public IReadOnlyList<string> Description { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Problems { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The network the search is made in, and saved in: the one <c>/recherche</c> searched.</summary>
    public NetworkRef? Network { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Network = await current.ResolveAsync(HttpContext, ct);
        if (!Load(Network)) return Page();
        Name ??= Query.Text.Length > 0 ? Query.Text : "Toutes les annonces";
        if (Name.Length > SavedSearchInput.MaxNameLength) Name = Name[..SavedSearchInput.MaxNameLength];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Network = await current.ResolveAsync(HttpContext, ct);
        if (!Load(Network)) return Page();
        var input = new SavedSearchInput(Name, SavedSearchQuery.From(Query), Frequency);
        var (saved, errors) = await searches.CreateAsync(OrganizationAccess.UserIdOf(User)!.Value, Network.Id, input, ct);
        if (saved is null)
        {
            Problems = errors;
            return Page();
        }
        return Redirect($"/espace/alertes?creee={saved.Id}");
    }

    /// <summary>Checks the search in <paramref name="network"/>, whose own categories it may use; every problem is shown above the form.</summary>
    bool Load(NetworkRef network)
    {
        var parameters = new ListingQueryParameters(Q, Kind, Category, Mode, Market, Lat, Lon, RadiusKm, null, null, Territory, Commune);
        Query = searches.Parse(parameters, network.Id, out var errors);
        Description = descriptions.Describe(Query);
        if (errors.Count == 0) return true;
        Problems = new Dictionary<string, string[]> { ["query"] = [.. errors.Values.SelectMany(messages => messages)] };
        return false;
    }

    public string SearchUrl => SearchLinks.For(Query);

    public static IReadOnlyList<(string Value, string Label)> Frequencies =>
        Enum.GetValues<AlertFrequency>().Select(f => (Slug.Of(f), AlertDescriptions.FrequencyLabel(f))).ToList();
}
