using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Alerts;

/// <summary>The signed-in account's saved searches (contracts/interfaces.md, "Alerts and contact").</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/saved-searches").WithTags("Alerts").RequireAuthorization();
        group.MapGet("/", ListAsync).WithSummary("The account's saved searches.");
        group.MapPost("/", CreateAsync).WithSummary("Saves a search, with a name and a frequency: instant, daily or weekly.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Deletes one of the account's saved searches.");
        return app;
    }

    public sealed record SavedSearchDto(
        Guid Id, string Name, SavedSearchQuery Query, string Frequency, bool Paused, DateTime CreatedAt, string FeedUrl);

    static SavedSearchDto Dto(SavedSearch s, AlertLinks links) =>
        new(s.Id, s.Name, SavedSearchQuery.FromJson(s.QueryJson), Slug.Of(s.Frequency), s.Paused, s.CreatedAt, links.Feed(s));

    static async Task<Ok<List<SavedSearchDto>>> ListAsync(ClaimsPrincipal user, SavedSearches searches, AlertLinks links, CancellationToken ct) =>
        TypedResults.Ok((await searches.ListAsync(OrganizationAccess.UserIdOf(user)!.Value, ct)).Select(s => Dto(s, links)).ToList());

    static async Task<Results<Created<SavedSearchDto>, ValidationProblem>> CreateAsync(
        SavedSearchInput input, ClaimsPrincipal user, SavedSearches searches, AlertLinks links, CancellationToken ct)
    {
        var (saved, errors) = await searches.CreateAsync(OrganizationAccess.UserIdOf(user)!.Value, input, ct);
        if (saved is null) return TypedResults.ValidationProblem(errors, title: "Alerte invalide");
        return TypedResults.Created($"/api/v1/me/saved-searches/{saved.Id}", Dto(saved, links));
    }

    static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, ClaimsPrincipal user, SavedSearches searches, CancellationToken ct) =>
        await searches.DeleteAsync(OrganizationAccess.UserIdOf(user)!.Value, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
