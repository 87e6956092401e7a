using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// <c>Authorization: Bearer elb_…</c>: the account that made the token, with the same claims as
/// its sign-in cookie, as long as the account may still sign in (confirmed, not locked out).
/// A deleted account's tokens went with it.
/// </summary>
sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalAccessTokens tokens, UserManager<User> users, IUserClaimsPrincipalFactory<User> principals, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadToken(Request) is not { } token) return AuthenticateResult.NoResult();
        if (await tokens.UseAsync(token, Context.RequestAborted) is not { } found
            || await users.FindByIdAsync(found.UserId.ToString()) is not { } user
            || !CanAct(user, clock.GetUtcNow()))
        {
            return AuthenticateResult.Fail("Invalid or revoked personal access token.");
        }
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A token acts only for an account that could sign in now: confirmed, and not locked out (which is how an admin disables one).</summary>
    static bool CanAct(User user, DateTimeOffset now) =>
        user.EmailConfirmed && !(user.LockoutEnabled && user.LockoutEnd is { } end && end > now);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is written by the status-code pages: problem+json under /api.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>True when the request carries a bearer token; such a request is authenticated by this handler only.</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return HasBearer(request) ? header["Bearer ".Length..].Trim() : null;
    }
}
