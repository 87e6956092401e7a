using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>The signed-in account's own tokens: a script can see which exist and revoke the one it holds.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/me/tokens").WithTags("Accounts").RequireAuthorization();
        tokens.MapGet("/", ListTokensAsync).WithSummary("The personal access tokens of the account (never the tokens themselves).");
        tokens.MapDelete("/{id:guid}", RevokeTokenAsync).WithSummary("Revokes one of the account's tokens.");
        return app;
    }

    public sealed record TokenInfo(Guid Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

    static async Task<Ok<List<TokenInfo>>> ListTokensAsync(
        ClaimsPrincipal user, UserManager<User> users, PersonalAccessTokens tokens, CancellationToken ct) =>
        TypedResults.Ok((await tokens.ListAsync(Guid.Parse(users.GetUserId(user)!), ct))
            .Select(t => new TokenInfo(t.Id, t.Name, t.CreatedAt, t.LastUsedAt)).ToList());

    static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(
        Guid id, ClaimsPrincipal user, UserManager<User> users, PersonalAccessTokens tokens, CancellationToken ct) =>
        await tokens.RevokeAsync(Guid.Parse(users.GetUserId(user)!), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
