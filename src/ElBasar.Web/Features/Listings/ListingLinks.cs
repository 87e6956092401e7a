using ElBasar.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Listings;

/// <summary>
/// The absolute address of a listing's page, the <c>url</c> of the API's listings
/// (contracts/interfaces.md): under <c>Site:BaseUrl</c> when it is set, else under the request's own
/// scheme and host, so a script reading the API gets links that open.
/// </summary>
public static class ListingLinks
{
    public static string PagePath(Guid id) => $"/annonces/{id}";

    public static string PageUrl(HttpContext context, Guid id) => SiteBase(context) + PagePath(id);

    static string SiteBase(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
