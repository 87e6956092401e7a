namespace ElBasar.Web.Features.Search;

/// <summary>One page of search results, in the envelope every list of the API uses.</summary>
public sealed record ListingPage(int Total, int Page, int PageSize, IReadOnlyList<ListingSummary> Items)
{
    /// <summary>The query as it was understood when some words were corrected ("tonelles" → "tonnelles"), else null.</summary>
    public string? CorrectedQuery { get; init; }

    /// <summary>True when more listings match than were counted: <see cref="Total"/> is then a floor ("plus de 1 000").</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool TotalIsCapped { get; init; }

    /// <summary>
    /// Listings of partner installations the search also finds (Features/Federation), on the first
    /// page, newest first, apart from <see cref="Items"/> and its count; null when there are none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<NetworkListingSummary>? Network { get; init; }

    /// <summary>The stems the query looked for, to highlight them in results (not part of the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> MatchedStems { get; init; } = [];
}

public sealed record ListingSummary(
    Guid Id, string? ExternalId, string Kind, string Title, string Category, IReadOnlyList<string> ExchangeModes,
    OrganizationRef Organization, string? Commune, double? DistanceKm, DateTime CreatedAt)
{
    /// <summary>The absolute address of the listing's page; set by the API (<c>ListingLinks</c>).</summary>
    public string? Url { get; init; }

    /// <summary>The beginning of the description, for result lists (not part of the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Excerpt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? Price { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public double? Latitude { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public double? Longitude { get; init; }

    /// <summary>The listing's first photo, the card's thumbnail (<c>/photos/{id}</c>), or null (not part of the API).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Guid? PhotoId { get; init; }
}

public sealed record OrganizationRef(Guid Id, string Name);

/// <summary>
/// A listing of a partner installation: shown with its origin ("Annonce du réseau …"), its
/// <see cref="Url"/> leads to the original, where contact happens.
/// </summary>
public sealed record NetworkListingSummary(
    string Origin, string Kind, string Title, string Category, IReadOnlyList<string> ExchangeModes,
    string? OrganizationName, string? Commune, DateTime CreatedAt, string Url)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Excerpt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public decimal? Price { get; init; }
}

/// <summary>Finds the partner installations' listings that match a search (implemented by Features/Federation).</summary>
public interface INetworkListings
{
    Task<IReadOnlyList<NetworkListingSummary>> FindAsync(ListingQuery query, int take, CancellationToken ct);
}
