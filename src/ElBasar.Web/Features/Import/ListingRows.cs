using ElBasar.Web.Features.Listings;

namespace ElBasar.Web.Features.Import;

/// <summary>One listing as the import writes it: every column it sets, already converted from the line.</summary>
sealed record ListingRow(
    Guid Id, string ExternalId, Guid NetworkId, Guid OrganizationId, ListingKind Kind, string Title, string? Description,
    string Category, decimal? Price, string? CommuneInsee, string? Commune, double? Latitude, double? Longitude,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ExpiresAt, string SearchTitle, string SearchBody, int SearchVersion);

/// <summary>
/// What one batch changes: listings to add, listings to update (with or without their search text), and
/// exchange modes to add or remove. A listing's modes are written after the listing, so its search row
/// (SQLite triggers) and its foreign key find it.
/// </summary>
sealed class ListingChanges
{
    public List<ListingRow> Added { get; } = [];
    public List<ListingRow> Updated { get; } = [];

    /// <summary>The updated listings whose title or description changed: their search entry is written again.</summary>
    public HashSet<Guid> TextChanged { get; } = [];

    public List<(Guid ListingId, string Mode)> ModesAdded { get; } = [];
    public List<(Guid ListingId, string Mode)> ModesRemoved { get; } = [];
}
