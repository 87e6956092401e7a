namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>
/// A current commune, or a municipal arrondissement of Paris, Lyon or Marseille, by its INSEE code.
/// <see cref="EpciCode"/> is null for the few communes outside any EPCI (islands, overseas collectivities);
/// an arrondissement carries the EPCI of its city.
/// </summary>
public sealed record Commune(
    string Code,
    string Name,
    string DepartementCode,
    string RegionCode,
    string? EpciCode,
    IReadOnlyList<string> PostalCodes,
    int Population);
