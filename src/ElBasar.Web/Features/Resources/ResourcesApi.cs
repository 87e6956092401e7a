using System.Globalization;
using System.Security.Claims;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ElBasar.Web.Features.Resources;

/// <summary>
/// The library in the API (<c>GET /api/v1/resources</c>, <c>GET /api/v1/resources/{id}</c>: what the
/// caller may see, public resources for visitors) and a resource's file (<c>/ressources/{id}/fichier</c>).
/// </summary>
public static class ResourcesApi
{
    public static IEndpointRouteBuilder MapResourcesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/resources").WithTags("Resources").AllowAnonymous();
        group.MapGet("/", ListAsync).WithSummary("The library's resources the caller may see, newest first; with q, the best matches first.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One resource, if the caller may see it.");
        app.MapGet("/ressources/{id:guid}/fichier", DownloadAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public sealed record FileDto(string Name, string ContentType, int Size, string Url);

    public sealed record ResourceDto(
        Guid Id, string Title, string Summary, string Kind, IReadOnlyList<string> Themes, string Date, string Audience,
        string? Link, FileDto? File, string Url);

    public sealed record ResourceList(int Total, List<ResourceDto> Items);

    const int MaxItems = 200;

    static ResourceDto Dto(ResourceLibrary.Item r, SiteLinks site) => new(
        r.Id, r.Title, r.Summary, ResourceWords.Slug(r.Kind), r.Themes, r.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ResourceWords.Slug(r.Audience), r.Link,
        r.FileName is null ? null : new FileDto(r.FileName, r.FileContentType!, r.FileSize ?? 0, $"{site.BaseUrl}/ressources/{r.Id}/fichier"),
        $"{site.BaseUrl}/ressources/{r.Id}");

    static async Task<Results<Ok<ResourceList>, ValidationProblem>> ListAsync(
        string? q, string? theme, string? kind, ClaimsPrincipal user, ResourceLibrary library, SiteLinks site, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        ResourceKind? wantedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (ResourceWords.TryParseKind(kind, out var k)) wantedKind = k;
            else errors["kind"] = [$"Genre inconnu : {string.Join(", ", Enum.GetValues<ResourceKind>().Select(ResourceWords.Slug))}."];
        }
        if (!string.IsNullOrEmpty(theme) && !ResourceThemes.Exists(theme))
            errors["theme"] = [$"Thème inconnu : {string.Join(", ", ResourceThemes.All.Select(t => t.Slug))}."];
        if (q?.Length > 200) errors["q"] = ["200 caractères au plus."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Recherche invalide");

        var found = await library.SearchAsync(new ResourceLibrary.Query(q, wantedKind, string.IsNullOrEmpty(theme) ? null : theme),
            await library.SeesMembersOnlyAsync(user, ct), ct);
        return TypedResults.Ok(new ResourceList(found.Count, found.Take(MaxItems).Select(r => Dto(r, site)).ToList()));
    }

    static async Task<Results<Ok<ResourceDto>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, ResourceLibrary library, SiteLinks site, CancellationToken ct) =>
        (await library.FindVisibleAsync(user, id, ct)).Resource is { } found ? TypedResults.Ok(Dto(found, site)) : TypedResults.NotFound();

    // Always a download, with the type read from the bytes at upload and nosniff: a document never
    // runs in the site's origin. Members-only files answer 404 to everyone else, like unknown ids.
    static async Task<IResult> DownloadAsync(Guid id, HttpContext http, ResourceLibrary library, ElBasarDbContext db, CancellationToken ct)
    {
        var headers = http.Response.Headers;
        var (found, _) = await library.FindVisibleAsync(http.User, id, ct);
        if (found?.FileName is null)
        {
            headers.CacheControl = "no-store";
            return Results.NotFound();
        }
        var bytes = await db.Set<ResourceFile>().Where(f => f.ResourceId == id).Select(f => f.Bytes).SingleOrDefaultAsync(ct);
        if (bytes is null) return Results.NotFound();
        headers.CacheControl = found.Audience == ResourceAudience.Members ? "private, no-cache" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(found.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(bytes, found.FileContentType!);
    }
}
