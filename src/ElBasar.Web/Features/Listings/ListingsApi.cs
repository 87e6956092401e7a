using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Listings;

public static class ListingsApi
{
    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder app)
    {
        var listings = app.MapGroup("/api/v1/listings").WithTags("Listings");
        listings.MapGet("/{id:guid}", GetAsync).AllowAnonymous().WithSummary("One listing.");
        return app;
    }

    static async Task<Results<Ok<ListingDetails>, NotFound>> GetAsync(
        Guid id, HttpContext context, ElBasarDbContext db, Networks.NetworkAudiences audiences, CancellationToken ct) =>
        await ListingDetails.FindAsync(db.Listings, id, includeHidden: false, ct, await audiences.AnywhereAsync(context.User, ct)) is { } listing
            ? TypedResults.Ok(listing with { Url = ListingLinks.PageUrl(context, id) })
            : TypedResults.NotFound();
}
