using System.Security.Claims;

namespace ElBasar.Web.Features.Accounts;

/// <summary>
/// Who may do what, by site role. Endpoints and pages that need a signed-in account use plain
/// <c>RequireAuthorization()</c> / <c>[Authorize]</c>: the default scheme takes the sign-in cookie
/// or a bearer token alike.
/// </summary>
public static class AccountPolicies
{
    /// <summary>The network's facilitators and the admins: moderation and the network's own tools.</summary>
    public const string Staff = "staff";

    /// <summary>The default scheme: a bearer token when the request has an Authorization header, the sign-in cookie otherwise.</summary>
    public const string CookieOrToken = "cookie-or-token";

    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(SiteRoles.Admin) || user.IsInRole(SiteRoles.Facilitator);
}
