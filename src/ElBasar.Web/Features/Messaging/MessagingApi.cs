using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Messaging;

/// <summary>Conversations through the API (contracts/interfaces.md, "Alerts and contact").</summary>
public static class MessagingApi
{
    public static IEndpointRouteBuilder MapMessagingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Messaging").RequireAuthorization();
        api.MapPost("/conversations", StartAsync).WithSummary("Writes to an organisation, about one of its listings or in general.");
        api.MapGet("/conversations/{id:guid}", GetAsync).WithSummary("One conversation and its messages, for its parties.");
        api.MapPost("/conversations/{id:guid}/messages", ReplyAsync).WithSummary("Adds a message to a conversation.");
        api.MapGet("/me/conversations", ListAsync).WithSummary("The account's conversations, unread first.");
        return app;
    }

    public sealed record StartRequest(Guid? ListingId, Guid? OrganizationId, Guid? AsOrganizationId, string? Message);
    public sealed record MessageRequest(string? Message);

    public sealed record PartyDto(Guid? Id, string Name);
    public sealed record ConversationDto(
        Guid Id, string Subject, Guid? ListingId, PartyDto Organization, PartyDto Starter, string Side,
        DateTime CreatedAt, DateTime LastMessageAt, bool Archived, IReadOnlyList<MessageDto> Messages);
    public sealed record MessageDto(Guid Id, string Author, string? AuthorSide, string Side, string Body, DateTime CreatedAt);
    public sealed record ConversationLineDto(Guid Id, string Subject, Guid? ListingId, string Side, string MySide, string OtherSide, DateTime LastMessageAt, int Unread, bool Archived);

    static async Task<Results<Created<ConversationDto>, ValidationProblem, ProblemHttpResult>> StartAsync(
        StartRequest body, ClaimsPrincipal user, Conversations conversations, ElBasarDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (body.ListingId is null == body.OrganizationId is null)
            errors["listingId"] = ["Donnez soit listingId (une annonce), soit organizationId (une structure)."];
        if (Conversations.Check(body.Message) is { } problem) errors["message"] = [problem];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await conversations.FindTargetAsync(body.ListingId, body.OrganizationId, ct) is not { } target)
            return TypedResults.ValidationProblem(body.ListingId is not null
                ? new Dictionary<string, string[]> { ["listingId"] = ["Aucune annonce publiée n'a cet identifiant."] }
                : new Dictionary<string, string[]> { ["organizationId"] = ["Aucune structure n'a cet identifiant."] });

        var userId = OrganizationAccess.UserIdOf(user)!.Value;
        var result = await conversations.StartAsync(userId, target, body.AsOrganizationId, body.Message!, MessagingModule.BaseUrl(http), ct);
        if (result.Conversation is not { } c) return Refused(result.Refusal);
        var dto = await DtoAsync(db, conversations, new ConversationAccess(c, ConversationSide.Starter), userId, ct);
        return TypedResults.Created($"/api/v1/conversations/{c.Id}", dto);
    }

    static async Task<Results<Ok<ConversationDto>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, Conversations conversations, ElBasarDbContext db, CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(user)!.Value;
        if (await conversations.FindForAsync(id, userId, ct) is not { } party) return TypedResults.NotFound();
        return TypedResults.Ok(await DtoAsync(db, conversations, party, userId, ct));
    }

    static async Task<Results<Created<MessageDto>, NotFound, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        Guid id, MessageRequest body, ClaimsPrincipal user, Conversations conversations, ElBasarDbContext db, HttpContext http, CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(user)!.Value;
        if (await conversations.FindForAsync(id, userId, ct) is not { } party) return TypedResults.NotFound();
        if (Conversations.Check(body.Message) is { } problem)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = [problem] });
        var (message, refusal) = await conversations.ReplyAsync(party, userId, body.Message!, MessagingModule.BaseUrl(http), ct);
        if (message is null) return Refused(refusal);
        var names = await conversations.NamesAsync(party.Conversation, ct);
        var author = party.Side == ConversationSide.Receiver ? names.Receiver : party.Conversation.StarterOrganizationId is null ? null : names.Starter;
        var name = await db.Set<Accounts.User>().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/conversations/{id}",
            new MessageDto(message.Id, name, author, Slug.Of(message.Side), message.Body, message.CreatedAt));
    }

    static async Task<Ok<List<ConversationLineDto>>> ListAsync(ClaimsPrincipal user, ElBasarDbContext db, CancellationToken ct)
    {
        var lines = await ConversationView.InboxAsync(db, OrganizationAccess.UserIdOf(user)!.Value, ct);
        return TypedResults.Ok(lines.Select(l => new ConversationLineDto(l.Id, l.Subject, l.ListingId, Slug.Of(l.Side), l.MySide, l.OtherSide, l.LastMessageAt, l.Unread, l.Archived)).ToList());
    }

    static ProblemHttpResult Refused(MessageRefusal refusal) => TypedResults.Problem(
        detail: Conversations.Explain(refusal),
        statusCode: refusal is MessageRefusal.TooMany or MessageRefusal.TooManyNewAccount ? StatusCodes.Status429TooManyRequests
            : refusal == MessageRefusal.OwnOrganization ? StatusCodes.Status400BadRequest
            : StatusCodes.Status403Forbidden);

    static async Task<ConversationDto> DtoAsync(ElBasarDbContext db, Conversations conversations, ConversationAccess party, Guid userId, CancellationToken ct)
    {
        var c = party.Conversation;
        var names = await conversations.NamesAsync(c, ct);
        var messages = await ConversationView.MessagesAsync(db, c, userId, names, ct);
        return new ConversationDto(c.Id, c.Subject, c.ListingId, new PartyDto(c.OrganizationId, names.Receiver),
            new PartyDto(c.StarterOrganizationId, names.Starter), Slug.Of(party.Side), c.CreatedAt, c.LastMessageAt,
            party.Side == ConversationSide.Starter ? c.StarterArchived : c.ReceiverArchived,
            messages.Select(m => new MessageDto(m.Id, m.Author, m.AuthorSide, Slug.Of(m.Side), m.Body, m.CreatedAt)).ToList());
    }
}
