namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>A département ("59", "2A", "971") or, beyond 975, an overseas collectivity listed alongside them.</summary>
public sealed record Departement(string Code, string Name, string RegionCode);
