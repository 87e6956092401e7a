using System.Globalization;
using System.Text;
using System.Text.Json;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// The open feed (README.md): <c>GET /api/v1/feed/{listings|organizations|items|events}?since=&amp;limit=</c>,
/// JSON Lines, the next cursor in the <c>Feed-Cursor</c> header and <c>Feed-More</c> saying whether
/// to ask again at once. Anonymous; a partner key opens partner-only listings.
/// </summary>
public static class FeedApi
{
    public const string ContentType = "application/x-ndjson";
    public const string CursorHeader = "Feed-Cursor";
    public const string MoreHeader = "Feed-More";
    public const string VersionHeader = "Feed-Version";
    public const string Version = "1";
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup("/api/v1/feed").WithTags("Feed").AllowAnonymous();
        feed.MapGet("/listings", (HttpContext c, string? since, string? limit, CancellationToken ct) => ReadAsync(c, FeedKind.Listing, since, limit, ct))
            .WithSummary("Changes of public listings since a cursor (JSON Lines).");
        feed.MapGet("/organizations", (HttpContext c, string? since, string? limit, CancellationToken ct) => ReadAsync(c, FeedKind.Organization, since, limit, ct))
            .WithSummary("Changes of organisations since a cursor (JSON Lines).");
        feed.MapGet("/items", (HttpContext c, string? since, string? limit, CancellationToken ct) => ReadAsync(c, FeedKind.Item, since, limit, ct))
            .WithSummary("Changes of lending items since a cursor (JSON Lines).");
        feed.MapGet("/events", (HttpContext c, string? since, string? limit, CancellationToken ct) => ReadAsync(c, FeedKind.Event, since, limit, ct))
            .WithSummary("Changes of events since a cursor (JSON Lines).");
        return app;
    }

    static async Task<IResult> ReadAsync(HttpContext context, FeedKind kind, string? since, string? limitText, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!FeedCursor.TryParse(since, out var cursor))
            errors["since"] = ["Curseur non reconnu : reprenez celui de l'en-tête Feed-Cursor de la réponse précédente, ou omettez-le pour tout lire."];
        var limit = DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
            errors["limit"] = [$"La limite est un nombre entier de 1 à {MaxLimit}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Paramètres du flux invalides");

        var services = context.RequestServices;
        bool partner;
        switch (await services.GetRequiredService<PartnerKeys>().CheckAsync(context.Request, ct))
        {
            case PartnerKeys.Outcome.Unknown:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Clé de partenaire inconnue",
                    detail: "Cette clé n'ouvre pas le flux : elle a pu être retirée. Sans clé, le flux public reste ouvert.");
            case PartnerKeys.Outcome.Partner:
                partner = true;
                break;
            default:
                partner = false;
                break;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var changes = services.GetRequiredService<FeedChanges>();
        await changes.LogExpiredAsync(now, ct);
        var (read, more) = await changes.ReadAsync(kind, cursor, limit, ct);
        // One line per record, at the place of its last change in the page, as it is now.
        var ids = read.Select((c, i) => (c.EntityId, i)).GroupBy(c => c.EntityId).Select(g => (Id: g.Key, Last: g.Max(c => c.i)))
            .OrderBy(c => c.Last).Select(c => c.Id).ToList();
        var records = await services.GetRequiredService<FeedRecords>().ReadAsync(kind, ids, partner, now, SiteBase(context), ct);

        var body = new StringBuilder();
        foreach (var record in records) body.Append(JsonSerializer.Serialize(record, record.GetType(), FeedRecords.Json)).Append('\n');
        var headers = context.Response.Headers;
        headers[CursorHeader] = (read.Count > 0 ? read[^1].Position : cursor).ToString();
        headers[MoreHeader] = more ? "true" : "false";
        headers[VersionHeader] = Version;
        headers.CacheControl = "no-store";
        return Results.Text(body.ToString(), ContentType, Encoding.UTF8);
    }

    /// <summary><c>Site:BaseUrl</c> when set, else the request's own scheme and host.</summary>
    public static string SiteBase(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
