namespace ElBasar.Web.Infrastructure.Web;

/// <summary>The site's public identity (section <c>Site</c>, see contracts/interfaces.md).</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Absolute base of links in e-mails and feeds; the first URL listened on when empty.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The name of the install's own network, shown on the site.</summary>
    public string NetworkName { get; set; } = "Réseau de l'économie sociale et solidaire";

    /// <summary>
    /// Addresses of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed,
    /// besides the loopback; a request from anywhere else keeps its own address and scheme.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
