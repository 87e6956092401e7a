using System.Globalization;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The address of a search page for a query: every filter in the query string, in the names of
/// <c>GET /api/v1/listings</c>, so a search can be shared, bookmarked and gone back to.
/// </summary>
public static class SearchLinks
{
    public const string Path = "/recherche";

    /// <summary>The network's own région (Hauts-de-France): its départements and communes come first.</summary>
    public const string HomeRegion = "32";

    /// <summary>The radii the page offers, in km; a place without a radius means <see cref="DefaultRadiusKm"/>.</summary>
    public static readonly IReadOnlyList<int> Radii = [5, 10, 20, 30, 50];

    public const int DefaultRadiusKm = 10;

    /// <summary>The page for <paramref name="query"/>; the first page unless <paramref name="page"/> is given.</summary>
    public static string For(ListingQuery query, bool map = false, int page = 1)
    {
        var p = new List<KeyValuePair<string, string?>>();
        if (query.Text.Length > 0) p.Add(new("q", query.Text));
        if (query.Kind is { } kind) p.Add(new("kind", Slug.Of(kind)));
        p.AddRange(query.Categories.Select(c => new KeyValuePair<string, string?>("category", c)));
        p.AddRange(query.Modes.Select(m => new KeyValuePair<string, string?>("mode", m)));
        if (query.Market is { } market) p.Add(new("market", market ? "true" : "false"));
        if (query.Territory is { } territory) p.Add(new("territory", territory));
        if (query.RadiusCommune is { } commune) p.Add(new("commune", commune.Code));
        else if (query.HasPoint)
        {
            p.Add(new("lat", Number(query.Latitude!.Value)));
            p.Add(new("lon", Number(query.Longitude!.Value)));
        }
        if (query.RadiusKm is { } radius && HasPlace(query)) p.Add(new("radiusKm", Number(radius)));
        if (query.AvailableFrom is { } from && query.AvailableTo is { } to)
        {
            p.Add(new("availableFrom", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            p.Add(new("availableTo", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
        if (query.Sort != ListingSort.Relevance) p.Add(new("sort", Slug.Of(query.Sort)));
        if (map) p.Add(new("view", "map"));
        if (page > 1) p.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return Path + QueryString.Create(p);
    }

    /// <summary>True when distances mean something: a commune or a point to measure from.</summary>
    public static bool HasPlace(ListingQuery query) => query.RadiusCommune is not null || query.HasPoint;

    /// <summary>The query without its place (commune, point and radius).</summary>
    public static ListingQuery WithoutPlace(ListingQuery query) => query with
    {
        RadiusCommune = null, Latitude = null, Longitude = null, RadiusKm = null,
        Sort = query.Sort == ListingSort.Nearest ? ListingSort.Relevance : query.Sort,
    };

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
