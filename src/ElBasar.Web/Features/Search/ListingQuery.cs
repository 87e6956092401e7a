using System.Globalization;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Web.Features.Search;

/// <summary>The query string of <c>GET /api/v1/listings</c> and of the search page, as typed (contracts/interfaces.md).</summary>
public sealed record ListingQueryParameters(
    string? Q, string? Kind, string[]? Category, string[]? Mode, string? Market,
    string? Lat, string? Lon, string? RadiusKm, string? Page, string? PageSize,
    string? Territory = null, string? Commune = null, string? Sort = null, string? AvailableFrom = null, string? AvailableTo = null);

/// <summary>How results are ordered: best match (the default with text), newest (the default without), nearest.</summary>
public enum ListingSort { Relevance, Newest, Nearest }

/// <summary>A checked search: every value valid, ready for <see cref="ListingSearch"/>.</summary>
public sealed record ListingQuery
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;
    public const int MaxTextLength = 500;
    public const double MaxRadiusKm = 1000;

    public string Text { get; init; } = "";
    public ListingKind? Kind { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<string> Modes { get; init; } = [];
    public bool? Market { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public double? RadiusKm { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    public ListingSort Sort { get; init; } = ListingSort.Relevance;

    /// <summary>A commune, EPCI or département code, as given.</summary>
    public string? Territory { get; init; }

    /// <summary>The communes of <see cref="Territory"/>; null when there is no territory filter.</summary>
    public IReadOnlyList<string>? CommuneCodes { get; init; }

    /// <summary>"Disponible du … au …": only items to borrow with a unit free every day of the range (Paris dates, inclusive).</summary>
    public DateOnly? AvailableFrom { get; init; }
    public DateOnly? AvailableTo { get; init; }

    /// <summary>The commune the radius is measured from, when no point is given.</summary>
    public Commune? RadiusCommune { get; init; }

    /// <summary>Whose listings, for whom (Networks/README.md); null: the home network's listings open to everyone.</summary>
    public ListingAudience? Audience { get; init; }

    /// <summary>The network searched in, whose own categories are accepted and counted besides the shared ones; null: the shared ones only.</summary>
    public Guid? NetworkId { get; init; }

    public bool HasPoint => Latitude is not null && Longitude is not null;

    /// <summary>Checks the raw parameters, in <paramref name="networkId"/>; errors are keyed by parameter name, in French.</summary>
    public static ListingQuery Parse(ListingQueryParameters p, Taxonomy taxonomy, Territories territories, out Dictionary<string, string[]> errors, Guid? networkId = null)
    {
        var problems = new Dictionary<string, string[]>();
        void Fail(string name, string message) => problems[name] = [message];

        ListingKind? kind = null;
        if (!string.IsNullOrWhiteSpace(p.Kind))
        {
            if (Slug.TryParse<ListingKind>(p.Kind, out var k)) kind = k;
            else Fail("kind", "« kind » doit valoir « offer » ou « demand ».");
        }

        var categories = Clean(p.Category);
        if (categories.FirstOrDefault(c => taxonomy.FindCategory(c, networkId) is null) is { } badCategory)
            Fail("category", $"La catégorie « {Shorten(badCategory)} » n'existe pas.");
        var modes = Clean(p.Mode);
        if (modes.FirstOrDefault(m => taxonomy.FindMode(m) is null) is { } badMode)
            Fail("mode", $"Le mode d'échange « {Shorten(badMode)} » n'existe pas.");

        bool? market = null;
        if (!string.IsNullOrWhiteSpace(p.Market))
        {
            if (bool.TryParse(p.Market.Trim(), out var m)) market = m;
            else Fail("market", "« market » doit valoir « true » ou « false ».");
        }

        var lat = Number(p.Lat, "lat", -90, 90, Fail);
        var lon = Number(p.Lon, "lon", -180, 180, Fail);
        var radius = Number(p.RadiusKm, "radiusKm", 0, MaxRadiusKm, Fail);
        if ((lat is null) != (lon is null) && !problems.ContainsKey("lat") && !problems.ContainsKey("lon"))
            Fail(lat is null ? "lat" : "lon", "« lat » et « lon » vont ensemble : donnez les deux.");
        Commune? radiusCommune = null;
        if (!string.IsNullOrWhiteSpace(p.Commune))
        {
            radiusCommune = territories.FindCommune(p.Commune.Trim());
            if (radiusCommune is null) Fail("commune", $"La commune « {Shorten(p.Commune.Trim())} » est inconnue : donnez son code INSEE.");
        }
        if (radius is not null && (lat is null || lon is null) && radiusCommune is null && !problems.ContainsKey("radiusKm") && !problems.ContainsKey("commune"))
            Fail("radiusKm", "Un rayon demande un point : donnez aussi « lat » et « lon », ou une commune.");

        string? territory = null;
        IReadOnlyList<string>? communeCodes = null;
        if (!string.IsNullOrWhiteSpace(p.Territory))
        {
            territory = p.Territory.Trim();
            communeCodes = territories.FindCommune(territory) is { } commune ? [commune.Code]
                : territories.FindEpci(territory) is { } epci ? epci.CommuneCodes
                : territories.FindDepartement(territory) is not null ? territories.CommunesOfDepartement(territory).Select(c => c.Code).ToList()
                : null;
            if (communeCodes is null) Fail("territory", $"Le territoire « {Shorten(territory)} » n'existe pas : donnez un code de commune, d'EPCI ou de département.");
        }

        var sort = ListingSort.Relevance;
        if (!string.IsNullOrWhiteSpace(p.Sort) && !Slug.TryParse(p.Sort, out sort))
            Fail("sort", "« sort » doit valoir « relevance », « newest » ou « nearest ».");
        if (radius is <= 0) Fail("radiusKm", "Le rayon doit être supérieur à 0 km.");

        var (availableFrom, availableTo) = Availability(p.AvailableFrom, p.AvailableTo, Fail);

        var page = Integer(p.Page, "page", 1, 100_000, 1, Fail);
        var pageSize = Integer(p.PageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, Fail);

        var text = (p.Q ?? "").Trim();
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];

        errors = problems;
        return new ListingQuery
        {
            Text = text, Kind = kind, Categories = categories, Modes = modes, Market = market,
            Latitude = lat, Longitude = lon, RadiusKm = radius, Page = page, PageSize = pageSize,
            Sort = sort, Territory = territory, CommuneCodes = communeCodes, RadiusCommune = radiusCommune,
            AvailableFrom = availableFrom, AvailableTo = availableTo, NetworkId = networkId,
        };
    }

    /// <summary>Both dates or none; the end defaults to the start (one day), a range of at most a year.</summary>
    static (DateOnly?, DateOnly?) Availability(string? rawFrom, string? rawTo, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(rawFrom) && string.IsNullOrWhiteSpace(rawTo)) return (null, null);
        var formats = new[] { "yyyy-MM-dd" };
        if (!DateOnly.TryParseExact(rawFrom?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            fail("availableFrom", string.IsNullOrWhiteSpace(rawFrom)
                ? "Indiquez aussi la date de début (AAAA-MM-JJ)."
                : $"La date « {Shorten(rawFrom!.Trim())} » n'est pas une date : écrivez-la AAAA-MM-JJ.");
            return (null, null);
        }
        var to = from;
        if (!string.IsNullOrWhiteSpace(rawTo) && !DateOnly.TryParseExact(rawTo.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
        {
            fail("availableTo", $"La date « {Shorten(rawTo.Trim())} » n'est pas une date : écrivez-la AAAA-MM-JJ.");
            return (null, null);
        }
        if (to < from) fail("availableTo", "La date de fin est avant la date de début.");
        else if (to.DayNumber - from.DayNumber > 366) fail("availableTo", "Cherchez une disponibilité sur un an au plus.");
        else return (from, to);
        return (null, null);
    }

    static List<string> Clean(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct().ToList();

    static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    static double? Number(string? raw, string name, double min, double max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
            return value;
        fail(name, $"« {name} » doit être un nombre entre {min.ToString(CultureInfo.InvariantCulture)} et {max.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    static int Integer(string? raw, string name, int min, int max, int fallback, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        fail(name, $"« {name} » doit être un nombre entier entre {min} et {max}.");
        return fallback;
    }
}
