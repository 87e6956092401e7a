using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Search;

public static class SearchApi
{
    /// <summary>How many listings of partner installations a search shows at most, on its first page.</summary>
    public const int NetworkShown = 10;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/listings", SearchAsync).WithTags("Listings").AllowAnonymous()
            .WithSummary("Search the published listings (best match first with text, newest first otherwise).");
        return app;
    }

    static async Task<Results<Ok<ListingPage>, ValidationProblem>> SearchAsync(
        [AsParameters] ListingQueryParameters parameters, HttpContext context, Taxonomy taxonomy, Territories territories, ListingSearch search,
        INetworkListings network, Networks.NetworkAudiences audiences, Networks.CurrentNetwork current, CancellationToken ct)
    {
        var networkId = (await current.ResolveAsync(context, ct)).Id;
        var query = ListingQuery.Parse(parameters, taxonomy, territories, out var errors, networkId);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Paramètres de recherche invalides");
        query = query with { Audience = await audiences.OnAsync(context.User, networkId, ct) };
        var page = await search.SearchAsync(query, ct);
        var remote = await network.FindAsync(query, NetworkShown, ct);
        return TypedResults.Ok(page with
        {
            Items = page.Items.Select(i => i with { Url = ListingLinks.PageUrl(context, i.Id) }).ToList(),
            Network = remote.Count > 0 ? remote : null,
        });
    }
}
