using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Search;

/// <summary>The search page: every filter is in the URL, so a search can be shared, bookmarked and gone back to.</summary>
public sealed class ResultsModel(ListingSearch search, Taxonomy taxonomy, Territories territories) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "category")] public string[]? Category { get; set; }
    [FromQuery(Name = "mode")] public string[]? Mode { get; set; }
    [FromQuery(Name = "market")] public string? Market { get; set; }
    [FromQuery(Name = "page")] public string? PageNumber { get; set; }

    public Taxonomy Taxonomy => taxonomy;
    public ListingQuery Query { get; private set; } = new();
    public ListingPage Results { get; private set; } = new(0, 1, ListingQuery.DefaultPageSize, []);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Results.Total / (double)Results.PageSize));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = ListingQuery.Parse(new ListingQueryParameters(Q, Kind, Category, Mode, Market, null, null, null, PageNumber, null), taxonomy, territories, out var errors);
        Errors = errors;
        // A bad filter in a hand-edited URL is explained, and the rest of the search still runs.
        Results = await search.SearchAsync(Query, ct);
    }

    public bool HasMode(string slug) => Query.Modes.Contains(slug);

    public string PageUrl(int page)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (Query.Text.Length > 0) parameters.Add(new("q", Query.Text));
        if (Query.Kind is { } kind) parameters.Add(new("kind", kind == ListingKind.Offer ? "offer" : "demand"));
        parameters.AddRange(Query.Categories.Select(c => new KeyValuePair<string, string?>("category", c)));
        parameters.AddRange(Query.Modes.Select(m => new KeyValuePair<string, string?>("mode", m)));
        if (Query.Market is { } market) parameters.Add(new("market", market ? "true" : "false"));
        if (page > 1) parameters.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/recherche" + Microsoft.AspNetCore.Http.QueryString.Create(parameters);
    }
}
