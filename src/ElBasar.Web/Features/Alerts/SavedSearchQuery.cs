using System.Globalization;
using System.Text.Json;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// The search parameters of a saved search, named as in <c>GET /api/v1/listings</c>
/// (contracts/interfaces.md, "Alerts and contact"): what the API takes and gives back.
/// </summary>
public sealed record SavedSearchQuery
{
    public string? Q { get; init; }
    public string? Kind { get; init; }
    public string[]? Category { get; init; }
    public string[]? Mode { get; init; }
    public bool? Market { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public double? RadiusKm { get; init; }
    public string? Territory { get; init; }
    public string? Commune { get; init; }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public ListingQueryParameters ToParameters() => new(
        Q, Kind, Category, Mode, Market is { } m ? (m ? "true" : "false") : null,
        Number(Lat), Number(Lon), Number(RadiusKm), null, null, Territory, Commune);

    /// <summary>The checked query written back in its plain form: what is stored and shown.</summary>
    public static SavedSearchQuery From(ListingQuery query) => new()
    {
        Q = query.Text.Length > 0 ? query.Text : null,
        Kind = query.Kind is { } kind ? Slug.Of(kind) : null,
        Category = query.Categories.Count > 0 ? [.. query.Categories] : null,
        Mode = query.Modes.Count > 0 ? [.. query.Modes] : null,
        Market = query.Market,
        Lat = query.RadiusCommune is null ? query.Latitude : null,
        Lon = query.RadiusCommune is null ? query.Longitude : null,
        RadiusKm = query.RadiusKm,
        Territory = query.Territory,
        Commune = query.RadiusCommune?.Code,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SavedSearchQuery FromJson(string json) => JsonSerializer.Deserialize<SavedSearchQuery>(json, Json) ?? new();

    static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>What a person sends to save a search, from the API or a page; checked by <see cref="SavedSearches"/>.</summary>
public sealed record SavedSearchInput(string? Name, SavedSearchQuery? Query, string? Frequency)
{
    public const int MaxNameLength = 100;

    /// <summary>The short address (slug) of the network to save the search in; absent: the current network.</summary>
    public string? Network { get; init; }
}
