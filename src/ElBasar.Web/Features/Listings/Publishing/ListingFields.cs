using System.Globalization;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// A listing as a form or a script gives it, before any check: numbers, places and dates stay
/// text, so a refused form shows exactly what was typed. <see cref="ListingPublisher"/> reads them.
/// </summary>
public sealed record ListingFields
{
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string> ExchangeModes { get; init; } = [];
    public string? Price { get; init; }

    /// <summary>The commune's INSEE code; blank for the organisation's own commune.</summary>
    public string? CommuneInsee { get; init; }
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }

    /// <summary>A date (<c>2027-02-20</c>, the end of that day in Paris) or an ISO 8601 instant; blank for the default.</summary>
    public string? ExpiresAt { get; init; }

    /// <summary>Who may see it: <c>network</c>, <c>partners</c> or <c>everyone</c>; blank for the widest its network allows.</summary>
    public string? Visibility { get; init; }

    /// <summary>The listing as it is, for an edit form or a partial change (PATCH).</summary>
    public static ListingFields From(Listing listing) => new()
    {
        Kind = Slug.Of(listing.Kind),
        Title = listing.Title,
        Description = listing.Description,
        Category = listing.Category,
        ExchangeModes = listing.ExchangeModes.Select(m => m.Mode).ToList(),
        Price = listing.Price?.ToString(CultureInfo.InvariantCulture),
        CommuneInsee = listing.CommuneInsee,
        Latitude = listing.Latitude?.ToString("R", CultureInfo.InvariantCulture),
        Longitude = listing.Longitude?.ToString("R", CultureInfo.InvariantCulture),
        ExpiresAt = listing.ExpiresAt is { } at ? Display.IsoDate(at) : null,
        Visibility = Slug.Of(listing.Visibility),
    };

    /// <summary>The names problems are filed under: the API's field names, which the pages map to their inputs.</summary>
    public static class Keys
    {
        public const string OrganizationId = "organizationId";
        public const string Kind = "kind";
        public const string Title = "title";
        public const string Description = "description";
        public const string Category = "category";
        public const string ExchangeModes = "exchangeModes";
        public const string Price = "price";
        public const string CommuneInsee = "communeInsee";
        public const string Latitude = "latitude";
        public const string Longitude = "longitude";
        public const string ExpiresAt = "expiresAt";
        public const string Visibility = "visibility";
        public const string Outcome = "outcome";
    }
}
