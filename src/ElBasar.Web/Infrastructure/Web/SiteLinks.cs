using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// The site's absolute address for links in mails and feeds, which have no request to start from:
/// <c>Site:BaseUrl</c>, else the first address listened on, with a host one can follow.
/// </summary>
public sealed partial class SiteLinks(IOptions<SiteOptions> site, IServer server)
{
    public string BaseUrl
    {
        get
        {
            if (site.Value.BaseUrl is { Length: > 0 } configured) return configured.TrimEnd('/');
            var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            return AnyHost().Replace(first, "//localhost").TrimEnd('/');
        }
    }

    // Kestrel listening everywhere reports "http://[::]:5000", "http://+:80" or "http://0.0.0.0:8080".
    [GeneratedRegex(@"//(\+|\*|\[::\]|0\.0\.0\.0)")]
    private static partial Regex AnyHost();
}
