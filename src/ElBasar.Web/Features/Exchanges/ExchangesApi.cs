using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Keys = ElBasar.Web.Features.Exchanges.ExchangeFields.Keys;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// Exchanges and impact in the API (contracts/interfaces.md, "Exchanges and impact"). Bodies are read
/// by hand, so malformed JSON or a field of the wrong type is a 400 problem+json naming the field.
/// </summary>
public static class ExchangesApi
{
    public static IEndpointRouteBuilder MapExchangesApi(this IEndpointRouteBuilder app)
    {
        var exchanges = app.MapGroup("/api/v1/exchanges").WithTags("Exchanges").RequireAuthorization();
        exchanges.MapPost("/", DeclareAsync).Accepts<ExchangeRequest>("application/json")
            .WithSummary("Declares an exchange for one of the account's organisations; the other party confirms it.");
        exchanges.MapGet("/{id:guid}", GetAsync).WithSummary("An exchange, for its parties and the network's staff.");
        exchanges.MapPost("/{id:guid}/confirm", ConfirmAsync).WithSummary("The other party confirms (staff: on its behalf, with onBehalf=true).");
        exchanges.MapPost("/{id:guid}/dispute", DisputeAsync).Accepts<CommentRequest>("application/json").WithSummary("The other party disputes, with a comment.");
        exchanges.MapPost("/{id:guid}/feedback", FeedbackAsync).Accepts<FeedbackRequest>("application/json")
            .WithSummary("A party of a confirmed exchange rates the other (1 to 5) with a comment.");
        app.MapGet("/api/v1/impact", ImpactAsync).WithTags("Exchanges").RequireAuthorization(AccountPolicies.Staff)
            .WithSummary("Confirmed exchanges of the period, counted, with their series.");
        return app;
    }

    public sealed record ExchangeRequest(
        Guid AsOrganizationId, Guid CounterpartOrganizationId, string Mode, string Date, string Description,
        decimal? AmountEur, decimal? Hours, decimal? EstimatedValueEur, int? Days, string? Category, Guid? ListingId);

    public sealed record CommentRequest(string Comment);

    public sealed record FeedbackRequest(int Rating, string Comment, Guid? AsOrganizationId);

    /// <summary>An exchange as the API shows it.</summary>
    public sealed record ExchangeDto(
        Guid Id, string Status, Guid AsOrganizationId, Guid CounterpartOrganizationId, string Mode, bool Market, string Category, string Date,
        string Description, decimal? AmountEur, decimal? Hours, decimal? EstimatedValueEur, int? Days, Guid? ListingId, string? SourceKind,
        Guid? SourceId, string? DisputeComment, DateTime? ConfirmedAt, bool ConfirmedByFacilitator)
    {
        public static ExchangeDto From(Exchange e) => new(e.Id, Infrastructure.Data.Slug.Of(e.Status), e.FromOrganizationId, e.ToOrganizationId,
            e.Mode, e.Market, e.Category, e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Description, e.AmountEur, e.Hours,
            e.EstimatedValueEur, e.Days, e.ListingId, e.SourceKind, e.SourceId, e.DisputeComment, e.ConfirmedAt, e.ConfirmedByFacilitator);
    }

    public sealed record RecommendationDto(Guid Id, Guid ExchangeId, Guid AuthorOrganizationId, Guid SubjectOrganizationId, int Rating, string Comment, DateTime CreatedAt);

    static async Task<Results<Created<ExchangeDto>, ValidationProblem, ForbidHttpResult>> DeclareAsync(
        HttpContext context, ClaimsPrincipal user, ExchangeLedger ledger, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        var fields = new ExchangeFields
        {
            AsOrganizationId = Id(body, Keys.AsOrganizationId, errors),
            CounterpartOrganizationId = Id(body, Keys.CounterpartOrganizationId, errors),
            Mode = Text(body, Keys.Mode, errors),
            Category = Text(body, Keys.Category, errors),
            Date = Text(body, Keys.Date, errors),
            Description = Text(body, Keys.Description, errors),
            AmountEur = Number(body, Keys.AmountEur, errors),
            Hours = Number(body, Keys.Hours, errors),
            EstimatedValueEur = Number(body, Keys.EstimatedValueEur, errors),
            Days = Number(body, Keys.Days, errors),
            ListingId = Id(body, Keys.ListingId, errors),
        };
        if (errors.Count > 0) return Invalid(errors);
        if (fields.AsOrganizationId is null)
            return Invalid(new Dictionary<string, string[]> { [Keys.AsOrganizationId] = ["Indiquez « asOrganizationId » : la structure au nom de laquelle vous déclarez."] });
        var result = await ledger.DeclareAsync(OrganizationAccess.UserIdOf(user)!.Value, fields, ct);
        return result.Outcome switch
        {
            LedgerOutcome.Done => TypedResults.Created($"/api/v1/exchanges/{result.Exchange!.Id}", ExchangeDto.From(result.Exchange)),
            LedgerOutcome.Invalid => Invalid(result.Errors!),
            _ => TypedResults.Forbid(),
        };
    }

    static async Task<Results<Ok<ExchangeDto>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, ExchangeLedger ledger, CancellationToken ct)
    {
        if (await ledger.FindAsync(id, ct) is not { } exchange) return TypedResults.NotFound();
        if (!AccountPolicies.IsStaff(user) && !await ledger.IsPartyAsync(OrganizationAccess.UserIdOf(user)!.Value, exchange, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(ExchangeDto.From(exchange));
    }

    static async Task<IResult> ConfirmAsync(Guid id, ClaimsPrincipal user, ExchangeLedger ledger, bool? onBehalf, CancellationToken ct)
    {
        var byFacilitator = onBehalf == true && AccountPolicies.IsStaff(user);
        if (onBehalf == true && !byFacilitator) return TypedResults.Forbid();
        return Outcome(await ledger.ConfirmAsync(OrganizationAccess.UserIdOf(user)!.Value, id, byFacilitator, ct), e => TypedResults.Ok(ExchangeDto.From(e)));
    }

    static async Task<IResult> DisputeAsync(Guid id, HttpContext context, ClaimsPrincipal user, ExchangeLedger ledger, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        var comment = Text(body, Keys.Comment, errors);
        if (errors.Count > 0) return Invalid(errors);
        return Outcome(await ledger.DisputeAsync(OrganizationAccess.UserIdOf(user)!.Value, id, comment, ct), e => TypedResults.Ok(ExchangeDto.From(e)));
    }

    static async Task<IResult> FeedbackAsync(Guid id, HttpContext context, ClaimsPrincipal user, ExchangeLedger ledger, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await JsonBody.ReadObjectAsync(context.Request, errors, ct) is not { } body) return Invalid(errors);
        int? rating = null;
        if (body.TryGetProperty(Keys.Rating, out var r))
        {
            if (r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n)) rating = n;
            else errors[Keys.Rating] = ["« rating » est un nombre entier de 1 à 5."];
        }
        var comment = Text(body, Keys.Comment, errors);
        var asId = Id(body, Keys.AsOrganizationId, errors);
        if (errors.Count > 0) return Invalid(errors);
        var (result, recommendation) = await ledger.RecommendAsync(OrganizationAccess.UserIdOf(user)!.Value, id, asId, rating, comment, ct);
        return Outcome(result, _ => TypedResults.Created($"/api/v1/exchanges/{id}/feedback/{recommendation!.Id}",
            new RecommendationDto(recommendation.Id, id, recommendation.AuthorOrganizationId, recommendation.SubjectOrganizationId,
                recommendation.Rating, recommendation.Comment, recommendation.CreatedAt)));
    }

    static async Task<Results<Ok<ImpactFigures>, ValidationProblem>> ImpactAsync(
        string? from, string? to, ImpactReport report, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(Display.ToParis(clock.GetUtcNow().UtcDateTime));
        if (ImpactPeriod.Parse(from, to, today, errors) is not { } period) return TypedResults.ValidationProblem(errors, title: "Période invalide");
        return TypedResults.Ok(await report.ComputeAsync(period, ImpactScope.Installation, ct));
    }

    static IResult Outcome(LedgerResult result, Func<Exchange, IResult> done) => result.Outcome switch
    {
        LedgerOutcome.Done => done(result.Exchange!),
        LedgerOutcome.Invalid => Invalid(result.Errors!),
        LedgerOutcome.Forbidden => TypedResults.Forbid(),
        LedgerOutcome.Conflict => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, title: "Conflit"),
        _ => TypedResults.NotFound(),
    };

    static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Échange invalide");


    static string? Text(JsonElement body, string key, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors[key] = [$"« {key} » doit être un texte."];
        return null;
    }

    static string? Number(JsonElement body, string key, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors[key] = [$"« {key} » doit être un nombre."];
        return null;
    }

    static Guid? Id(JsonElement body, string key, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)) return id;
        errors[key] = [$"« {key} » doit être un identifiant (UUID)."];
        return null;
    }
}
