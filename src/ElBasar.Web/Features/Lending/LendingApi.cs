using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// Lending through the API (contracts/interfaces.md, "Lending"). Bodies are read by hand, so malformed
/// JSON or a field of the wrong type answers 400 naming the field, never a 500. Dates are inclusive
/// local dates (Europe/Paris), <c>YYYY-MM-DD</c>.
/// </summary>
public static class LendingApi
{
    public static IEndpointRouteBuilder MapLendingApi(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/v1/items").WithTags("Lending");
        items.MapGet("/", ListAsync).AllowAnonymous()
            .WithSummary("A network's lending catalogue (network=slug, else the current network), its partners' shared items included, newest first.");
        items.MapGet("/{id:guid}", GetAsync).AllowAnonymous();
        items.MapGet("/{id:guid}/availability", AvailabilityAsync).AllowAnonymous()
            .WithSummary("Free units on each day from..to (inclusive, Europe/Paris).");
        items.MapPost("/", CreateAsync).RequireAuthorization().WithSummary("Lists an item one of the account's organisations lends.");
        items.MapPost("/{id:guid}/reservations", ReserveAsync).RequireAuthorization()
            .WithSummary("Requests the item: 201 confirmed or pending, 409 when the dates are taken.");

        var reservations = app.MapGroup("/api/v1/reservations").WithTags("Lending").RequireAuthorization();
        reservations.MapGet("/{id:guid}", GetReservationAsync);
        reservations.MapPost("/{id:guid}/approve", (Guid id, HttpContext c, ClaimsPrincipal u, LoanDesk d, CancellationToken ct) =>
            ActAsync(c, (b, ct2) => d.ApproveAsync(UserId(u), id, b.Str("message"), ct2), ct));
        reservations.MapPost("/{id:guid}/decline", (Guid id, HttpContext c, ClaimsPrincipal u, LoanDesk d, CancellationToken ct) =>
            ActAsync(c, (b, ct2) => d.DeclineAsync(UserId(u), id, b.Str("message"), ct2), ct));
        reservations.MapPost("/{id:guid}/cancel", (Guid id, HttpContext c, ClaimsPrincipal u, LoanDesk d, CancellationToken ct) =>
            ActAsync(c, (b, ct2) => d.CancelAsync(UserId(u), id, b.Str("reason"), ct2), ct));
        reservations.MapPost("/{id:guid}/checkout", (Guid id, HttpContext c, ClaimsPrincipal u, LoanDesk d, CancellationToken ct) =>
            ActAsync(c, (b, ct2) => d.CheckoutAsync(UserId(u), id, b.Str("note"), ct2), ct));
        reservations.MapPost("/{id:guid}/return", (Guid id, HttpContext c, ClaimsPrincipal u, LoanDesk d, CancellationToken ct) =>
            ActAsync(c, (b, ct2) => d.ReturnAsync(UserId(u), id, b.Str("note"), b.Str("damage"), b.Str("deposit"), ct2), ct));
        return app;
    }

    public sealed record OrganizationRef(Guid Id, string Name);

    public sealed record ItemDto(Guid Id, Guid ListingId, string Title, string? Description, string Category, OrganizationRef Organization,
        string? Commune, int Quantity, decimal? DepositEur, decimal? FeeEur, string? Conditions, string? PickupPlace, string? PickupHours,
        string Audience, bool AutoApprove, int MaxLoanDays, string Url, NetworkDto Network);

    /// <summary>The network an item belongs to (its listing's): another one's when a partner shares it.</summary>
    public sealed record NetworkDto(Guid Id, string Name);

    public sealed record ItemPage(int Total, int Page, int PageSize, IReadOnlyList<ItemDto> Items);

    public sealed record DayDto(string Date, int Free, bool Blocked);

    public sealed record AvailabilityDto(Guid ItemId, int Quantity, string From, string To, bool Available, IReadOnlyList<DayDto> Days);

    public sealed record ReservationDto(Guid Id, Guid ItemId, string ItemTitle, string From, string To, int Days, string Status,
        Guid? BorrowerOrganizationId, string BorrowerName, string? Message, string? Answer, string? CancelReason, string? CancelledBy,
        DateTime CreatedAt, DateTime? CheckedOutAt, string? CheckoutNote, DateTime? ReturnedAt, string? ReturnNote, string? Damage, string? DepositAgreement);

    static Guid UserId(ClaimsPrincipal user) => OrganizationAccess.UserIdOf(user)!.Value;

    /// <summary>
    /// Items whose listing is live and seen by <paramref name="audience"/> (the listing's network and visibility, under
    /// the partnerships that share lending items: <c>NetworkAudiences</c> with <c>Shared.Items</c>), of active organisations.
    /// </summary>
    public static IQueryable<LendingItem> Visible(ElBasarDbContext db, ListingAudience audience)
    {
        // A correlated EXISTS, not IN (SELECT …): SQLite builds the whole IN list first, every published listing the
        // reader may see (6 s for one item at a million listings), where EXISTS looks up the item's own listing.
        var organizations = db.Set<Organization>();
        var seen = audience.Filter(db.Listings).Where(l => l.Status == ListingStatus.Published);
        return db.LendingItems.Where(i => seen.Any(l => l.Id == i.ListingId)
                                          && organizations.Any(o => o.Id == i.OrganizationId && o.Status == OrganizationStatus.Active));
    }

    /// <summary>The items this reader may open anywhere on the installation (an item's page, its calendar, its feed).</summary>
    public static async Task<IQueryable<LendingItem>> VisibleAnywhereAsync(ElBasarDbContext db, Networks.NetworkAudiences audiences, ClaimsPrincipal user,
        CancellationToken ct) =>
        Visible(db, await audiences.AnywhereAsync(user, ct, Networks.Shared.Items));

    /// <summary>
    /// <paramref name="network"/>'s lending catalogue as this reader sees it: its items and those partnerships share
    /// towards it. <c>GET /api/v1/items</c> and the page <c>/pret</c> both read this set, so they never disagree.
    /// </summary>
    public static async Task<IQueryable<LendingItem>> CatalogueAsync(ElBasarDbContext db, Networks.NetworkAudiences audiences, ClaimsPrincipal user,
        Guid network, CancellationToken ct) =>
        Visible(db, await audiences.OnAsync(user, network, ct, Networks.Shared.Items)).AsNoTracking();

    /// <summary>Items as the API gives them.</summary>
    public static IQueryable<ItemDto> Project(ElBasarDbContext db, IQueryable<LendingItem> items, string baseUrl)
    {
        var organizations = db.Set<Organization>();
        var networks = db.Networks;
        return items.Select(i => new ItemDto(i.Id, i.ListingId, i.Listing!.Title, i.Listing.Description, i.Listing.Category,
            organizations.Where(o => o.Id == i.OrganizationId).Select(o => new OrganizationRef(o.Id, o.Name)).First(),
            i.Listing.Commune, i.Quantity, i.DepositEur, i.FeeEur, i.Conditions, i.PickupPlace, i.PickupHours,
            i.Audience == LendingAudience.Members ? "members" : "everyone", i.AutoApprove, i.MaxLoanDays, baseUrl + "/pret/" + i.Id,
            networks.Where(n => n.Id == i.Listing.NetworkId).Select(n => new NetworkDto(n.Id, n.Name)).First()));
    }

    static async Task<Results<Ok<ItemPage>, ValidationProblem>> ListAsync(string? organizationId, string? network, string? page, string? pageSize,
        HttpContext context, ElBasarDbContext db, Networks.CurrentNetwork current, Networks.NetworkAudiences audiences, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? org = null;
        if (!string.IsNullOrWhiteSpace(organizationId))
        {
            if (Guid.TryParse(organizationId, out var parsed)) org = parsed;
            else errors["organizationId"] = [$"« {organizationId} » n'est pas un identifiant de structure."];
        }
        var p = PositiveInt(page, "page", 100_000, 1, errors);
        var size = PositiveInt(pageSize, "pageSize", 100, 20, errors);
        Guid? catalogue = null;
        if (string.IsNullOrWhiteSpace(network)) catalogue = (await current.ResolveAsync(context, ct)).Id;
        else if (await db.Networks.Where(n => n.Slug == network.Trim()).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(ct) is { } named) catalogue = named;
        else errors["network"] = [$"Aucun réseau n'a l'adresse courte « {(network.Length > 40 ? network[..40] + "…" : network)} »."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Paramètres invalides");
        var items = await CatalogueAsync(db, audiences, context.User, catalogue!.Value, ct);
        if (org is { } o) items = items.Where(i => i.OrganizationId == o);
        var total = await items.CountAsync(ct);
        var rows = await Project(db, items.OrderByDescending(i => i.CreatedAt).Skip((p - 1) * size).Take(size), BaseUrl(context)).ToListAsync(ct);
        return TypedResults.Ok(new ItemPage(total, p, size, rows));
    }

    static async Task<Results<Ok<ItemDto>, NotFound>> GetAsync(Guid id, HttpContext context, ElBasarDbContext db, Networks.NetworkAudiences audiences,
        CancellationToken ct) =>
        await Project(db, (await VisibleAnywhereAsync(db, audiences, context.User, ct)).AsNoTracking().Where(i => i.Id == id), BaseUrl(context))
            .SingleOrDefaultAsync(ct) is { } item ? TypedResults.Ok(item) : TypedResults.NotFound();

    static async Task<Results<Ok<AvailabilityDto>, ValidationProblem, NotFound>> AvailabilityAsync(Guid id, string? from, string? to,
        ClaimsPrincipal user, ElBasarDbContext db, Networks.NetworkAudiences audiences, CancellationToken ct)
    {
        var item = await (await VisibleAnywhereAsync(db, audiences, user, ct)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!ReservationCalendar.TryParse(from, out var start)) errors["from"] = [$"Indiquez « from » au format AAAA-MM-JJ{Typed(from)}."];
        if (!ReservationCalendar.TryParse(to, out var end)) errors["to"] = [$"Indiquez « to » au format AAAA-MM-JJ{Typed(to)}."];
        else if (errors.Count == 0 && end < start) errors["to"] = ["« to » est avant « from »."];
        else if (errors.Count == 0 && end.DayNumber - start.DayNumber + 1 > ReservationCalendar.MaxAvailabilityDays)
            errors["to"] = [$"Demandez au plus {ReservationCalendar.MaxAvailabilityDays} jours à la fois."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Dates invalides");
        var days = await LendingQueries.AvailabilityAsync(db, item, start, end, ct);
        return TypedResults.Ok(new AvailabilityDto(id, item.Quantity, ReservationCalendar.Iso(start), ReservationCalendar.Iso(end),
            days.All(d => d.Free > 0), days.Select(d => new DayDto(ReservationCalendar.Iso(d.Day), d.Free, d.Blocked)).ToList()));
    }

    static async Task<IResult> CreateAsync(HttpContext context, ClaimsPrincipal user, LoanDesk desk, ElBasarDbContext db, Networks.CurrentNetwork current,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context.Request, errors, required: true, ct) is not { } body) return Invalid(errors);
        Guid organizationId = default;
        if (body.Str("organizationId") is not { } rawOrg || !Guid.TryParse(rawOrg, out organizationId))
            errors["organizationId"] = ["Indiquez « organizationId » : l'identifiant de la structure qui prête."];
        var autoApprove = false;
        if (body.Element is { } root && root.TryGetProperty("autoApprove", out var auto) && auto.ValueKind != JsonValueKind.Null)
        {
            if (auto.ValueKind is JsonValueKind.True or JsonValueKind.False) autoApprove = auto.GetBoolean();
            else errors["autoApprove"] = ["« autoApprove » vaut true ou false."];
        }
        var fields = new ItemFields
        {
            Title = body.Str("title", errors), Description = body.Str("description", errors), Category = body.Str("category", errors),
            Quantity = body.Str("quantity", errors), DepositEur = body.Str("depositEur", errors), FeeEur = body.Str("feeEur", errors),
            Conditions = body.Str("conditions", errors), PickupPlace = body.Str("pickupPlace", errors), PickupHours = body.Str("pickupHours", errors),
            Audience = body.Str("audience", errors), MaxLoanDays = body.Str("maxLoanDays", errors), AutoApprove = autoApprove,
        };
        if (errors.Count > 0) return Invalid(errors);
        var result = await desk.CreateItemAsync(UserId(user), organizationId, fields, ct, (await current.ResolveAsync(context, ct)).Id);
        if (result.Outcome == LendingOutcome.Invalid) return Invalid(result.Errors);
        if (result.Outcome != LendingOutcome.Done) return TypedResults.Forbid();
        var dto = await Project(db, db.LendingItems.AsNoTracking().Where(i => i.Id == result.Item!.Id), BaseUrl(context)).SingleAsync(ct);
        return TypedResults.Created($"/api/v1/items/{dto.Id}", dto);
    }

    static async Task<IResult> ReserveAsync(Guid id, HttpContext context, ClaimsPrincipal user, LoanDesk desk, ElBasarDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context.Request, errors, required: true, ct) is not { } body) return Invalid(errors);
        var from = body.Str("from", errors);
        var to = body.Str("to", errors);
        Guid? asOrganization = null;
        if (body.Str("asOrganizationId", errors) is { Length: > 0 } rawOrg)
        {
            if (Guid.TryParse(rawOrg, out var org)) asOrganization = org;
            else errors["asOrganizationId"] = [$"« {rawOrg} » n'est pas un identifiant de structure."];
        }
        var message = body.Str("message", errors);
        if (errors.Count > 0) return Invalid(errors);
        var result = await desk.ReserveAsync(UserId(user), id, from, to, asOrganization, message, ct);
        return result.Outcome switch
        {
            LendingOutcome.Done => TypedResults.Created($"/api/v1/reservations/{result.Reservation!.Id}", await RepresentAsync(db, result.Reservation.Id, ct)),
            _ => Failure(result),
        };
    }

    static async Task<IResult> GetReservationAsync(Guid id, ClaimsPrincipal user, LoanDesk desk, ElBasarDbContext db, CancellationToken ct) =>
        await desk.FindForPartyAsync(UserId(user), id, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await RepresentAsync(db, id, ct));

    static async Task<IResult> ActAsync(HttpContext context, Func<Body, CancellationToken, Task<LendingResult>> act, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context.Request, errors, required: false, ct) is not { } body) return Invalid(errors);
        var result = await act(body, ct);
        if (result.Outcome != LendingOutcome.Done) return Failure(result);
        var db = context.RequestServices.GetRequiredService<ElBasarDbContext>();
        return TypedResults.Ok(await RepresentAsync(db, result.Reservation!.Id, ct));
    }

    static IResult Failure(LendingResult result) => result.Outcome switch
    {
        LendingOutcome.Invalid => Invalid(result.Errors),
        LendingOutcome.Conflict => TypedResults.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, title: "Dates indisponibles ou action impossible"),
        LendingOutcome.Forbidden => TypedResults.Problem("Seule la structure qui prête peut faire cela.", statusCode: StatusCodes.Status403Forbidden, title: "Interdit"),
        _ when result.Problem is { } problem => TypedResults.Problem(problem, statusCode: StatusCodes.Status404NotFound, title: "Matériel introuvable"),
        _ => TypedResults.NotFound(),
    };

    public static async Task<ReservationDto> RepresentAsync(ElBasarDbContext db, Guid id, CancellationToken ct)
    {
        var r = await db.Reservations.AsNoTracking().Include(x => x.Item).ThenInclude(i => i!.Listing).SingleAsync(x => x.Id == id, ct);
        return new ReservationDto(r.Id, r.ItemId, r.Item!.Listing!.Title, ReservationCalendar.Iso(r.From), ReservationCalendar.Iso(r.To), r.Days,
            Slug.Of(r.Status), r.BorrowerOrganizationId, r.BorrowerName, r.Message, r.Answer, r.CancelReason, r.CancelledBy, r.CreatedAt,
            r.CheckedOutAt, r.CheckoutNote, r.ReturnedAt, r.ReturnNote, r.Damage, r.DepositAgreement);
    }

    static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "Demande invalide");

    static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    static string Typed(string? raw) => string.IsNullOrWhiteSpace(raw) ? "" : $" (« {(raw.Length > 40 ? raw[..40] + "…" : raw)} » reçu)";

    static int PositiveInt(string? raw, string key, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max) return v;
        errors[key] = [$"« {key} » doit être un nombre entier entre 1 et {max}."];
        return fallback;
    }

    /// <summary>A JSON object body, or an empty one when none was sent (actions take an optional body).</summary>
    sealed record Body(JsonElement? Element)
    {
        /// <summary>A field as text: strings as they are, numbers as written; null when absent or null.</summary>
        public string? Str(string name, Dictionary<string, string[]>? errors = null)
        {
            if (Element is not { } e || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            if (v.ValueKind == JsonValueKind.Number) return v.GetRawText();
            errors?.TryAdd(name, [$"« {name} » doit être un texte ou un nombre."]);
            return null;
        }
    }

    static async Task<Body?> ReadBodyAsync(HttpRequest request, Dictionary<string, string[]> errors, bool required, CancellationToken ct)
    {
        try
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            if (string.IsNullOrWhiteSpace(text) && !required) return new Body(null);
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && JsonBody.HoldsOnlyText(document.RootElement)) return new Body(document.RootElement.Clone());
        }
        catch (JsonException)
        {
        }
        errors["body"] = ["Le corps de la requête doit être un objet JSON valide."];
        return null;
    }
}
