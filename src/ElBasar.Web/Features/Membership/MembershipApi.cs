using System.Security.Claims;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Membership;

/// <summary><c>GET /api/v1/organizations/{id}/membership</c> (contracts/interfaces.md).</summary>
public static class MembershipApi
{
    public sealed record MembershipDto(string Status, string Tier, decimal FeeEur, DateOnly? ValidUntil, int? Year);

    public static async Task<Results<Ok<MembershipDto>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, OrganizationAccess access, Memberships memberships, CancellationToken ct)
    {
        // Fees are the organisation's business and the facilitators': to anyone else it does not exist.
        var allowed = AccountPolicies.IsStaff(user)
            || (OrganizationAccess.UserIdOf(user) is { } me && await access.RoleAsync(me, id, ct) is not null);
        if (!allowed || await memberships.SummaryAsync(id, ct) is not { } summary) return TypedResults.NotFound();
        return TypedResults.Ok(new MembershipDto(Slug.Of(summary.Status), summary.Tier, summary.FeeEur, summary.ValidUntil, summary.Year));
    }
}
