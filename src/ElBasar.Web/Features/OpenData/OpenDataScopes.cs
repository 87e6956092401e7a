using ElBasar.Web.Features.Exchanges;

namespace ElBasar.Web.Features.OpenData;

/// <summary>
/// Which network the open data speak of: <c>?reseau=slug</c>, read by the impact's <see cref="ImpactScopes"/>, so that a
/// network's figures count the very exchanges its impact page counts (the statistical secret relies on the column totals
/// being public there). Without it, or with <c>reseau=</c> alone, the files are as before networks: every public
/// organisation, and every confirmed exchange of the installation. <c>partenaires</c> is not read: each network
/// publishes its own data.
/// </summary>
public sealed class OpenDataScopes(ImpactScopes scopes)
{
    public const string Key = ImpactScope.NetworkKey;

    /// <summary>Why a request was refused: its <c>reseau</c> names no network of the site.</summary>
    public const string UnknownMessage = "Ce réseau n'existe pas : « reseau » est l'adresse courte d'un réseau du site, celle de sa page /reseaux/….";

    /// <summary>The network asked for (alone, without its partners), the whole installation without one, or null when the slug names no network.</summary>
    public async Task<ImpactScope?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (asked, unknown) = await scopes.AskedAsync(request, await scopes.NetworksAsync(ct), ct);
        if (unknown) return null;
        return asked?.Network is { } network ? new ImpactScope(network, false, []) : ImpactScope.Installation;
    }

    /// <summary>What a file name adds for a network (<c>-slug</c>); nothing for the installation, whose names stay as they were.</summary>
    public static string FileTag(ImpactScope scope) => scope.Whole ? "" : "-" + scope.FileTag;

    /// <summary>The query string that keeps the network on a link (<c>?reseau=slug</c>), or nothing for the installation.</summary>
    public static string Query(ImpactScope scope) => scope.Network is { } network ? $"?{Key}={Uri.EscapeDataString(network.Slug)}" : "";
}
