namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>A région by its INSEE code ("32" for Hauts-de-France); overseas collectivities have one of their own.</summary>
public sealed record Region(string Code, string Name);
