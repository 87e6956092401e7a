namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// How the site presents itself on every page: its name, its two colours and its logo. The admins
/// change them at <c>/admin/reglages</c> (Features/Administration); the defaults are the look of a
/// fresh install.
/// </summary>
public sealed record SiteIdentity(string Name, string PrimaryColour, string AccentColour, Guid? LogoId)
{
    public const string DefaultName = "elBasar";
    public const string DefaultPrimaryColour = "#0b5d4b";
    public const string DefaultAccentColour = "#8a3b00";

    public static readonly SiteIdentity Default = new(DefaultName, DefaultPrimaryColour, DefaultAccentColour, null);

    public bool HasDefaultName => Name == DefaultName;

    public bool HasDefaultColours => PrimaryColour == DefaultPrimaryColour && AccentColour == DefaultAccentColour;

    /// <summary>Changes with the colours, so the theme's address changes and no cache serves old ones.</summary>
    public string ThemeVersion => $"{PrimaryColour.TrimStart('#')}{AccentColour.TrimStart('#')}";
}

/// <summary>Where the layout reads the site's identity; a fixed default until a feature registers its own.</summary>
public interface ISiteIdentity
{
    ValueTask<SiteIdentity> CurrentAsync(CancellationToken ct = default);
}

sealed class DefaultSiteIdentity : ISiteIdentity
{
    public ValueTask<SiteIdentity> CurrentAsync(CancellationToken ct = default) => ValueTask.FromResult(SiteIdentity.Default);
}
