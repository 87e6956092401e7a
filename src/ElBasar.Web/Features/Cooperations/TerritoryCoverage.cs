using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Geo;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// The territory a cooperation covers (the network's région, a département, an EPCI or a commune),
/// its French name, and whether it meets a territory asked for in a filter. A filter takes the
/// directory's codes: a département ("62"), an EPCI (its SIREN, 9 digits) or a commune (INSEE, 5).
/// </summary>
public sealed class TerritoryCoverage(Territories territories)
{
    public string HomeRegion => SearchLinks.HomeRegion;

    public Territories Territories => territories;

    /// <summary>The départements of the network's région, by code.</summary>
    public IReadOnlyList<Departement> HomeDepartements => territories.DepartementsOf(HomeRegion);

    /// <summary>The EPCI with a commune in the network's région, by name.</summary>
    public IReadOnlyList<Epci> HomeEpcis => _homeEpcis ??= HomeDepartements
        .SelectMany(d => territories.CommunesOfDepartement(d.Code))
        .Select(c => c.EpciCode).OfType<string>().Distinct()
        .Select(territories.FindEpci).OfType<Epci>()
        .OrderBy(e => e.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true)).ToList();
    IReadOnlyList<Epci>? _homeEpcis;

    public bool Exists(TerritoryLevel level, string? code) => code is { Length: > 0 } && level switch
    {
        TerritoryLevel.Region => territories.FindRegion(code) is not null,
        TerritoryLevel.Departement => territories.FindDepartement(code) is not null,
        TerritoryLevel.Epci => territories.FindEpci(code) is not null,
        _ => territories.FindCommune(code) is not null,
    };

    public string Name(TerritoryLevel level, string code) => level switch
    {
        TerritoryLevel.Region => territories.FindRegion(code) is { } r ? $"{r.Name} (région)" : code,
        TerritoryLevel.Departement => territories.FindDepartement(code) is { } d ? $"{d.Name} ({d.Code})" : code,
        TerritoryLevel.Epci => territories.FindEpci(code)?.Name ?? code,
        _ => territories.FindCommune(code) is { } c ? CommuneLabel(c) : code,
    };

    /// <summary>"Arras (62000)": the name and its first postal code, as the directory's commune fields show it.</summary>
    public static string CommuneLabel(Commune commune) => $"{commune.Name} ({commune.PostalCodes.FirstOrDefault() ?? commune.Code})";

    /// <summary>Whether a filter code names a known département, EPCI or commune.</summary>
    public bool IsFilter(string? code) => Filter(code) is not null;

    /// <summary>The set a filter code covers, or null when it names no known territory.</summary>
    public Area? Filter(string? code)
    {
        code = code?.Trim().ToUpperInvariant();
        if (code is not { Length: > 0 }) return null;
        IReadOnlyList<Commune>? communes =
            territories.FindDepartement(code) is not null ? territories.CommunesOfDepartement(code)
            : code.Length == 9 && territories.FindEpci(code) is not null ? territories.CommunesOfEpci(code)
            : code.Length == 5 && territories.FindCommune(code) is { } c ? [c]
            : null;
        if (communes is null) return null;
        return new Area(communes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
            communes.Select(c => c.DepartementCode).ToHashSet(StringComparer.Ordinal),
            communes.Select(c => c.RegionCode).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether a cooperation's territory and the filter's share a commune.</summary>
    public bool Meets(TerritoryLevel level, string code, Area area) => level switch
    {
        TerritoryLevel.Region => area.Regions.Contains(code),
        TerritoryLevel.Departement => area.Departements.Contains(code),
        TerritoryLevel.Epci => territories.CommunesOfEpci(code).Any(c => area.Communes.Contains(c.Code)),
        _ => area.Communes.Contains(code),
    };

    /// <summary>The communes, départements and régions a filter covers.</summary>
    public sealed record Area(HashSet<string> Communes, HashSet<string> Departements, HashSet<string> Regions);

    /// <summary>
    /// A commune as typed: "Arras (62000)" as the field shows it, a name, a postal code or an INSEE
    /// code; the exact name first, the network's région first.
    /// </summary>
    public Commune? FindCommune(string typed)
    {
        var text = typed.Trim();
        var open = text.LastIndexOf('(');
        if (open > 0 && text.EndsWith(')'))
        {
            var name = SearchText.Normalize(text[..open]);
            var code = text[(open + 1)..^1].Trim();
            return territories.SearchCommunes(code, 50).FirstOrDefault(c => SearchText.Normalize(c.Name) == name);
        }
        return SearchSuggestionsApi.FindCommunes(territories, text, 1) is [var found] ? found : null;
    }
}
