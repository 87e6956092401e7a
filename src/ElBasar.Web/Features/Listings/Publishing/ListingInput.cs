using System.Globalization;
using System.Text.RegularExpressions;
using ElBasar.Web.Features.Directory.Editing;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Keys = ElBasar.Web.Features.Listings.Publishing.ListingFields.Keys;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// The listing form as posted. Everything stays text, so a refused form shows what was typed; the
/// commune is written as people know it ("Lille (59000)", a name, a postal code) and read here into
/// the INSEE code <see cref="ListingPublisher"/> takes.
/// </summary>
public sealed partial class ListingInput
{
    public Guid? OrganizationId { get; set; }
    public string? Kind { get; set; } = "offer";
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Category { get; set; }
    public List<string> ExchangeModes { get; set; } = [];
    public string? Price { get; set; }
    public string? Commune { get; set; }

    /// <summary>The commune the field showed when the form was drawn, so homonyms stay apart.</summary>
    public string? CommuneInsee { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }

    /// <summary>yyyy-MM-dd, as a date field sends it.</summary>
    public string? ExpiresAt { get; set; }

    /// <summary>network, partners or everyone; blank for the widest the network allows.</summary>
    public string? Visibility { get; set; }

    public static ListingInput From(Listing listing, Territories territories)
    {
        var fields = ListingFields.From(listing);
        return new ListingInput
        {
            OrganizationId = listing.OrganizationId,
            Kind = fields.Kind, Title = fields.Title, Description = fields.Description, Category = fields.Category,
            ExchangeModes = fields.ExchangeModes.ToList(), Price = listing.Price?.ToString("0.##", WebModule.French),
            Commune = listing.CommuneInsee is { } code && territories.FindCommune(code) is { } commune ? ProfileInput.CommuneLabel(commune) : listing.Commune,
            CommuneInsee = listing.CommuneInsee,
            Latitude = listing.Latitude?.ToString("R", CultureInfo.InvariantCulture),
            Longitude = listing.Longitude?.ToString("R", CultureInfo.InvariantCulture),
            ExpiresAt = fields.ExpiresAt,
            Visibility = fields.Visibility,
        };
    }

    /// <summary>The fields for the publisher, or null (with the problem in <paramref name="state"/>) when the commune is unknown.</summary>
    public ListingFields? ToFields(Territories territories, ModelStateDictionary state)
    {
        string? insee = null;
        if (!string.IsNullOrWhiteSpace(Commune))
        {
            if (FindCommune(Commune.Trim(), CommuneInsee, territories) is { } commune) insee = commune.Code;
            else
            {
                state.AddModelError(FieldOf[Keys.CommuneInsee], $"Aucune commune ne correspond à « {Commune} » : vérifiez l'orthographe ou donnez le code postal.");
                return null;
            }
        }
        return new ListingFields
        {
            Kind = Kind, Title = Title, Description = Description, Category = Category, ExchangeModes = ExchangeModes,
            Price = Price, CommuneInsee = insee, Latitude = Latitude, Longitude = Longitude, ExpiresAt = ExpiresAt,
            Visibility = Visibility,
        };
    }

    /// <summary>Where the publisher's problems go on the form, by the API's field names.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldOf = new Dictionary<string, string>
    {
        [Keys.OrganizationId] = "Input.OrganizationId",
        [Keys.Kind] = "Input.Kind",
        [Keys.Title] = "Input.Title",
        [Keys.Description] = "Input.Description",
        [Keys.Category] = "Input.Category",
        [Keys.ExchangeModes] = "Input.ExchangeModes",
        [Keys.Price] = "Input.Price",
        [Keys.CommuneInsee] = "Input.Commune",
        [Keys.Latitude] = "Input.Latitude",
        [Keys.Longitude] = "Input.Longitude",
        [Keys.ExpiresAt] = "Input.ExpiresAt",
        [Keys.Visibility] = "Input.Visibility",
    };

    public static void AddErrors(ModelStateDictionary state, IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in errors)
        foreach (var message in messages)
            state.AddModelError(FieldOf.GetValueOrDefault(key, ""), message);
    }

    /// <summary>"Lille (59000)" as the field shows it, an INSEE or postal code, or a name; the commune the field showed wins while its name is unchanged.</summary>
    static Commune? FindCommune(string typed, string? shownCode, Territories territories)
    {
        var match = LabelPattern().Match(typed);
        var name = SearchText.Normalize(match.Success ? match.Groups[1].Value : typed);
        if (shownCode is { Length: > 0 } && territories.FindCommune(shownCode) is { } shown && SearchText.Normalize(shown.Name) == name)
            return shown;
        if (match.Success)
        {
            var candidates = territories.SearchCommunes(match.Groups[2].Value.ToUpperInvariant(), 50);
            return candidates.FirstOrDefault(c => SearchText.Normalize(c.Name) == name);
        }
        if (territories.FindCommune(typed.ToUpperInvariant()) is { } byCode) return byCode;
        return SearchSuggestionsApi.FindCommunes(territories, typed, 1) is [var found] ? found : null;
    }

    [GeneratedRegex(@"^(.*?)\s*\(\s*([0-9][0-9AaBb][0-9]{3})\s*\)$")]
    private static partial Regex LabelPattern();
}
