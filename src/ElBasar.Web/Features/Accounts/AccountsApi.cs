using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ElBasar.Web.Features.Accounts;

/// <summary>The signed-in account's own tokens: a script can see which exist and revoke the one it holds.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", MeAsync).WithTags("Accounts").RequireAuthorization()
            .WithSummary("The account and the organisations it acts for, with its role in each.");
        var tokens = app.MapGroup("/api/v1/me/tokens").WithTags("Accounts").RequireAuthorization();
        tokens.MapGet("/", ListTokensAsync).WithSummary("The personal access tokens of the account (never the tokens themselves).");
        tokens.MapDelete("/{id:guid}", RevokeTokenAsync).WithSummary("Revokes one of the account's tokens.");
        return app;
    }

    public sealed record Me(Guid Id, string Name, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<MyOrganization> Organizations);

    /// <summary>An organisation of the account; <c>role</c> is <c>owner</c> or <c>editor</c>.</summary>
    public sealed record MyOrganization(Guid Id, string Name, string Role);

    static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> MeAsync(
        ClaimsPrincipal user, UserManager<User> users, OrganizationAccess access, CancellationToken ct)
    {
        if (await users.GetUserAsync(user) is not { } account) return TypedResults.Unauthorized();
        var roles = (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList();
        var organizations = (await access.OrganizationsOfAsync(account.Id, ct))
            .Select(o => new MyOrganization(o.Id, o.Name, Slug.Of(o.Role))).ToList();
        return TypedResults.Ok(new Me(account.Id, account.DisplayName, account.Email, roles, organizations));
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
