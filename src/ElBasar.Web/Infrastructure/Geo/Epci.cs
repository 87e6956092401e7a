namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>
/// An EPCI with its own taxation (communauté de communes, d'agglomération, urbaine, métropole) by its SIREN;
/// <see cref="Type"/> is the official abbreviation: CC, CA, CU, METRO or MET69.
/// </summary>
public sealed record Epci(string Code, string Name, string Type, IReadOnlyList<string> CommuneCodes);
