using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.Net.Http.Headers;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>
/// <c>GET /photos/{id}</c>: a listing photo's bytes, as cleaned at upload. A photo never changes (a new
/// upload is a new id), so its id is a strong ETag and a public one is cached for a year. Photos of a
/// listing the public cannot see (draft, hidden, network only) answer 404, except to the listing's own
/// people and to the staff, and are then kept out of shared caches.
/// </summary>
public static class PhotoEndpoint
{
    public static IEndpointRouteBuilder MapListingPhotos(this IEndpointRouteBuilder app)
    {
        app.MapGet("/photos/{id:guid}", ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    static async Task<IResult> ServeAsync(Guid id, HttpContext http, ListingPhotos photos, OrganizationAccess access, CancellationToken ct)
    {
        if (await photos.FindAsync(id, ct) is not { } photo || !photo.Public && !await MaySeeAsync(http, photo, access, ct))
        {
            // A shared cache must not remember "not found": the listing may be published later.
            http.Response.Headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        return await ServeImageAsync(http, photo.Id, photo.Public, photo.ContentType, () => photos.BytesAsync(id, ct));
    }

    /// <summary>
    /// An image whose id is its version (a new upload is a new id): a strong ETag, cached for a year
    /// when public, <c>nosniff</c> and a sandbox so that opened on its own it runs nothing. Listing
    /// photos and organisation logos are served this way.
    /// </summary>
    public static async Task<IResult> ServeImageAsync(HttpContext http, Guid id, bool isPublic, string contentType, Func<Task<byte[]?>> bytes)
    {
        var headers = http.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{id:N}\"");
        headers.ETag = etag.ToString();
        headers.CacheControl = isPublic ? "public, max-age=31536000, immutable" : "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = "inline";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } wanted
            && wanted.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return await bytes() is { } content ? Results.Bytes(content, contentType) : Results.NotFound();
    }

    static async Task<bool> MaySeeAsync(HttpContext http, PhotoAccess photo, OrganizationAccess access, CancellationToken ct) =>
        AccountPolicies.IsStaff(http.User)
        || OrganizationAccess.UserIdOf(http.User) is { } userId && await access.CanEditAsync(userId, photo.OrganizationId, ct);
}
