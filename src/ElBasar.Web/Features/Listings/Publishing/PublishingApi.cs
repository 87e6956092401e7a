using System.Security.Claims;
using System.Text.Json;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Keys = ElBasar.Web.Features.Listings.Publishing.ListingFields.Keys;

namespace ElBasar.Web.Features.Listings.Publishing;

/// <summary>
/// Writing listings through the API (contracts/interfaces.md, "Catalogue"). Bodies are read by hand
/// so that malformed JSON, a field of the wrong type or a PATCH that names a field to clear it all
/// answer a 400 problem+json naming the field, never a 500.
/// </summary>
public static class PublishingApi
{
    public static IEndpointRouteBuilder MapPublishingApi(this IEndpointRouteBuilder app)
    {
        var listings = app.MapGroup("/api/v1/listings").WithTags("Listings").RequireAuthorization();
        listings.MapPost("/", CreateAsync).Accepts<ListingRequest>("application/json")
            .WithSummary("Publishes a listing for one of the account's organisations.");
        listings.MapPatch("/{id:guid}", UpdateAsync).Accepts<ListingRequest>("application/json")
            .WithSummary("Changes the fields given; the organisation never changes.");
        listings.MapPost("/{id:guid}/close", CloseAsync).Accepts<CloseRequest>("application/json")
            .WithSummary("Closes a listing as fulfilled (pourvue) or withdrawn (retirée).");
        return app;
    }

    /// <summary>The body of POST and PATCH, for the OpenAPI document; the handlers read the JSON themselves.</summary>
    public sealed record ListingRequest(
        Guid? OrganizationId, string? Kind, string? Title, string? Description, string? Category, IReadOnlyList<string>? ExchangeModes,
        decimal? Price, string? CommuneInsee, double? Latitude, double? Longitude, string? ExpiresAt, string? Visibility);

    public sealed record CloseRequest(string Outcome);

    static async Task<Results<Created<ListingDetails>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> CreateAsync(
        HttpContext context, ClaimsPrincipal user, ListingPublisher publisher, ElBasarDbContext db, Networks.CurrentNetwork current, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        Guid? organizationId = null;
        if (body.TryGetProperty(Keys.OrganizationId, out var org) && org.ValueKind == JsonValueKind.String && Guid.TryParse(org.GetString(), out var parsed))
            organizationId = parsed;
        else errors[Keys.OrganizationId] = ["Indiquez « organizationId » : l'identifiant de la structure au nom de laquelle vous publiez."];
        var fields = Overlay(new ListingFields(), body, errors);
        if (errors.Count > 0) return Invalid(errors);

        var network = await current.ResolveAsync(context, ct);
        var result = await publisher.CreateAsync(OrganizationAccess.UserIdOf(user)!.Value, organizationId!.Value, fields, ct, network.Id);
        return result.Outcome switch
        {
            PublishingOutcome.Done => TypedResults.Created($"/api/v1/listings/{result.Listing!.Id}", await RepresentAsync(context, db, result.Listing.Id, ct)),
            PublishingOutcome.Invalid => Invalid(result.Errors),
            _ => TypedResults.Forbid(),
        };
    }

    static async Task<Results<Ok<ListingDetails>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext context, ClaimsPrincipal user, ListingPublisher publisher, ElBasarDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        Guid? movedTo = null;
        if (body.TryGetProperty(Keys.OrganizationId, out var org))
            movedTo = org.ValueKind == JsonValueKind.String && Guid.TryParse(org.GetString(), out var to) ? to : Guid.Empty;
        Overlay(new ListingFields(), body, errors);
        if (errors.Count > 0) return Invalid(errors);

        var result = await publisher.UpdateAsync(OrganizationAccess.UserIdOf(user)!.Value, id, current => Overlay(current, body, errors), ct, movedTo);
        return result.Outcome switch
        {
            PublishingOutcome.Done => TypedResults.Ok(await RepresentAsync(context, db, id, ct)),
            PublishingOutcome.Invalid => Invalid(result.Errors),
            PublishingOutcome.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    static async Task<Results<Ok<ListingDetails>, ValidationProblem, NotFound, ForbidHttpResult, ProblemHttpResult>> CloseAsync(
        Guid id, HttpContext context, ClaimsPrincipal user, ListingPublisher publisher, ElBasarDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        var outcome = body.TryGetProperty(Keys.Outcome, out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
        if (!Slug.TryParse<ListingOutcome>(outcome, out var parsed))
            return Invalid(new Dictionary<string, string[]>
            {
                [Keys.Outcome] = ["Indiquez « outcome » : « fulfilled » (l'annonce est pourvue) ou « withdrawn » (elle est retirée)."],
            });
        var result = await publisher.CloseAsync(OrganizationAccess.UserIdOf(user)!.Value, id, parsed, ct);
        return result.Outcome switch
        {
            PublishingOutcome.Done => TypedResults.Ok(await RepresentAsync(context, db, id, ct)),
            PublishingOutcome.Conflict => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, title: "Conflit"),
            PublishingOutcome.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Annonce invalide");

    /// <summary>The listing as <c>GET /api/v1/listings/{id}</c> shows it, whatever its status (its own people asked), with its <c>url</c>.</summary>
    static async Task<ListingDetails> RepresentAsync(HttpContext context, ElBasarDbContext db, Guid id, CancellationToken ct) =>
        (await ListingDetails.FindAnyAsync(db.Listings, id, ct))! with { Url = ListingLinks.PageUrl(context, id) };


    /// <summary>The fields present in <paramref name="body"/> over <paramref name="fields"/>; a field set to null is cleared.</summary>
    static ListingFields Overlay(ListingFields fields, JsonElement body, Dictionary<string, string[]> errors)
    {
        string? Text(string key, string? was)
        {
            if (!body.TryGetProperty(key, out var value)) return was;
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors[key] = [$"« {key} » doit être un texte."];
            return was;
        }

        string? Number(string key, string? was)
        {
            if (!body.TryGetProperty(key, out var value)) return was;
            if (value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
            if (value.ValueKind == JsonValueKind.String) return value.GetString();
            errors[key] = [$"« {key} » doit être un nombre."];
            return was;
        }

        var modes = fields.ExchangeModes;
        if (body.TryGetProperty(Keys.ExchangeModes, out var list))
        {
            if (list.ValueKind == JsonValueKind.Array && list.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String))
                modes = list.EnumerateArray().Select(m => m.GetString()!).ToList();
            else if (list.ValueKind == JsonValueKind.Null) modes = [];
            else errors[Keys.ExchangeModes] = ["« exchangeModes » doit être une liste de modes d'échange, par exemple [\"loan\", \"donation\"]."];
        }
        return fields with
        {
            Kind = Text(Keys.Kind, fields.Kind),
            Title = Text(Keys.Title, fields.Title),
            Description = Text(Keys.Description, fields.Description),
            Category = Text(Keys.Category, fields.Category),
            ExchangeModes = modes,
            Price = Number(Keys.Price, fields.Price),
            CommuneInsee = Text(Keys.CommuneInsee, fields.CommuneInsee),
            Latitude = Number(Keys.Latitude, fields.Latitude),
            Longitude = Number(Keys.Longitude, fields.Longitude),
            ExpiresAt = Text(Keys.ExpiresAt, fields.ExpiresAt),
            Visibility = Text(Keys.Visibility, fields.Visibility),
        };
    }
}
