using System.Globalization;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The search page: every filter is in the URL, so a search can be shared, bookmarked and gone back to.
/// It takes the parameters of <c>GET /api/v1/listings</c>, plus <c>where</c> (a commune as typed, which a
/// submitted form turns into <c>commune</c>) and <c>view=map</c>.
/// </summary>
public sealed class ResultsModel(
    Networks.NetworkAudiences audiences, Networks.CurrentNetwork currentNetwork,
    ListingSearch search, ListingFacets facets, SearchAlternatives alternatives, FeaturedListings featured, Taxonomy taxonomy, Territories territories,
    INetworkListings network)
    : PageModel
{
    const int MapPageSize = ListingQuery.MaxPageSize;
    const int FeaturedShown = 3;

    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "category")] public string[]? Category { get; set; }
    [FromQuery(Name = "mode")] public string[]? Mode { get; set; }
    [FromQuery(Name = "market")] public string? Market { get; set; }
    [FromQuery(Name = "territory")] public string? Territory { get; set; }
    [FromQuery(Name = "commune")] public string? Commune { get; set; }
    [FromQuery(Name = "where")] public string? Where { get; set; }
    [FromQuery(Name = "radiusKm")] public string? RadiusKm { get; set; }
    [FromQuery(Name = "lat")] public string? Lat { get; set; }
    [FromQuery(Name = "lon")] public string? Lon { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }
    [FromQuery(Name = "view")] public string? View { get; set; }
    [FromQuery(Name = "availableFrom")] public string? AvailableFrom { get; set; }
    [FromQuery(Name = "availableTo")] public string? AvailableTo { get; set; }

    public Taxonomy Taxonomy => taxonomy;

    /// <summary>The category filters: the shared categories and the current network's own.</summary>
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public ListingQuery Query { get; private set; } = new();
    public ListingPage Results { get; private set; } = new(0, 1, ListingQuery.DefaultPageSize, []);
    public FacetCounts Facets { get; private set; } = null!;
    public EmptyResultHelp? Help { get; private set; }
    public SearchHighlight Highlight { get; private set; } = new([]);
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    /// <summary>On the first page of one category's results, its featured listings come first ("À la une").</summary>
    public IReadOnlyList<ListingSummary> Featured { get; private set; } = [];
    public string? FeaturedCategory { get; private set; }

    /// <summary>What partner installations publish that this search finds (Features/Federation), on the first page of the list.</summary>
    public IReadOnlyList<NetworkListingSummary> Network { get; private set; } = [];

    /// <summary>What the place field shows: the commune searched around, or what was typed when it matched none.</summary>
    public string WhereText { get; private set; } = "";
    public string? WhereError { get; private set; }

    public bool IsMap => View == "map";
    public bool HasPlace => SearchLinks.HasPlace(Query);
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Results.Total / (double)Results.PageSize));
    public string HomeRegionName => territories.FindRegion(SearchLinks.HomeRegion)?.Name ?? "Région du réseau";
    public IReadOnlyList<Departement> HomeDepartements => territories.DepartementsOf(SearchLinks.HomeRegion);
    public IEnumerable<Departement> OtherDepartements => territories.Departements.Where(d => d.RegionCode != SearchLinks.HomeRegion);

    /// <summary>The name of a territory filter that is not a département (an EPCI or a commune given in the URL).</summary>
    public string? OtherTerritoryName => Query.Territory is { } code && territories.FindDepartement(code) is null
        ? territories.FindEpci(code)?.Name ?? territories.FindCommune(code)?.Name
        : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (commune, lat, lon) = ResolvePlace();
        var hasPlace = commune is not null || (lat is not null && lon is not null);
        // The radius list always sends a value; it means something only with a place, and a place alone means the default radius.
        var radius = !hasPlace ? null
            : RadiusKm is { Length: > 0 } ? RadiusKm
            : SearchLinks.DefaultRadiusKm.ToString(CultureInfo.InvariantCulture);
        var parameters = new ListingQueryParameters(Q, Kind, Category, Mode, Market, lat, lon, radius, PageNumber,
            IsMap ? MapPageSize.ToString(CultureInfo.InvariantCulture) : null, Territory, commune, Sort, AvailableFrom, AvailableTo);
        var networkId = (await currentNetwork.ResolveAsync(HttpContext, ct)).Id;
        var query = ListingQuery.Parse(parameters, taxonomy, territories, out var errors, networkId);
        Categories = taxonomy.CategoriesFor(networkId);

        // A bad value in a hand-edited URL is explained and left out; the rest of the search still runs.
        Query = query with
        {
            Categories = query.Categories.Where(c => taxonomy.FindCategory(c, networkId) is not null).ToList(),
            Modes = query.Modes.Where(m => taxonomy.FindMode(m) is not null).ToList(),
            Territory = query.CommuneCodes is null ? null : query.Territory,
            Audience = await audiences.OnAsync(User, networkId, ct),
        };
        Errors = errors.ToDictionary(e => e.Key, e => Explain(e.Key, e.Value[0]));
        WhereText = WhereError is null ? Query.RadiusCommune?.Name ?? "" : Where!.Trim();

        // A submitted form carries the commune as typed: answer with the address of what was understood.
        if (Request.Query.ContainsKey("where") && WhereError is null && Errors.Count == 0)
            return Redirect(SearchLinks.For(Query, IsMap));

        // The facets' read counts the results too, when few enough listings match for it to count them all.
        Facets = await facets.CountAllAsync(Query, ct);
        Results = await search.SearchAsync(Query, ct, Facets.Total);
        facets.Remember(Query, Results.Total);
        if (Results.Total == 0) Help = await alternatives.FindAsync(Query, ct);
        if (Query is { Categories: [var category], Page: 1 } && !IsMap)
        {
            Featured = await featured.InCategoryAsync(category, Query.Kind, FeaturedShown, ct);
            FeaturedCategory = taxonomy.FindCategory(category, networkId)?.Label;
        }
        if (!IsMap) Network = await network.FindAsync(Query, SearchApi.NetworkShown, ct);
        Highlight = new SearchHighlight(Results.MatchedStems);
        ViewData[SearchHighlight.ViewDataKey] = Highlight;
        return Page();
    }

    /// <summary>
    /// The commune to search around. The form sends the place field as typed (<c>where</c>) with the commune
    /// it showed (<c>commune</c>): the same name keeps that commune (homonyms stay apart), another text is
    /// looked up (first match, a postal code works too) and replaces any point; an empty field means no commune.
    /// </summary>
    (string? Commune, string? Lat, string? Lon) ResolvePlace()
    {
        if (!Request.Query.ContainsKey("where")) return (Commune, Lat, Lon);
        var typed = Where?.Trim() ?? "";
        if (typed.Length == 0) return (null, Lat, Lon);
        if (Commune is { Length: > 0 } code && territories.FindCommune(code.Trim()) is { } shown && Names(typed, shown))
            return (shown.Code, null, null);
        if (SearchSuggestionsApi.FindCommunes(territories, typed, 1) is [var found]) return (found.Code, null, null);
        WhereError = $"Aucune commune ne correspond à « {(typed.Length > 40 ? typed[..40] + "…" : typed)} » : vérifiez l'orthographe ou donnez le code postal.";
        return (null, Lat, Lon);
    }

    static bool Names(string typed, Commune commune) =>
        SearchText.Normalize(typed) == SearchText.Normalize(commune.Name) || typed == commune.Code || commune.PostalCodes.Contains(typed);

    // The API's messages name parameters; the page speaks of what the visitor sees.
    static string Explain(string key, string message) => key switch
    {
        "kind" => "Le type d'annonce demandé n'existe pas : offres et demandes sont affichées.",
        "market" => "Le choix « marchand ou non » n'a pas été compris : tous les échanges sont affichés.",
        "sort" => "L'ordre demandé n'existe pas : les annonces sont rangées par pertinence.",
        "page" => "Le numéro de page n'a pas été compris : voici la première page.",
        "lat" or "lon" => "Le point indiqué n'a pas été compris : la recherche ne tient pas compte de la distance.",
        "radiusKm" => "Le rayon n'a pas été compris : c'est un nombre de kilomètres, jusqu'à 1000.",
        _ => message,
    };

    public string PageUrl(int page) => SearchLinks.For(Query, IsMap, page);
    public string ListUrl => SearchLinks.For(Query);
    public string MapUrl => SearchLinks.For(Query, map: true);
    public string UrlWith(ListingQuery query) => SearchLinks.For(query, IsMap);

    /// <summary>"Créer une alerte" for this search (Features/Alerts): the same parameters, without the order or the page.</summary>
    public string AlertUrl => "/espace/alertes/nouvelle" + SearchLinks.For(Query with { Sort = ListingSort.Relevance })[SearchLinks.Path.Length..];

    public string Count(int n) => n.ToString("N0", CultureInfo.CurrentCulture);
}
