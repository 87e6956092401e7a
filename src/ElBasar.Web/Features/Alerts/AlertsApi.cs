using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
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

    /// <summary>A saved search; <see cref="Network"/> is the short address of the network it was saved in, <see cref="NetworkName"/> its name.</summary>
    public sealed record SavedSearchDto(
        Guid Id, string Name, SavedSearchQuery Query, string Frequency, bool Paused, DateTime CreatedAt, string FeedUrl,
        string Network, string NetworkName);

    static SavedSearchDto Dto(SavedSearch s, NetworkRef network, AlertLinks links) =>
        new(s.Id, s.Name, SavedSearchQuery.FromJson(s.QueryJson), Slug.Of(s.Frequency), s.Paused, s.CreatedAt, links.Feed(s),
            network.Slug, network.Name);

    static async Task<Ok<List<SavedSearchDto>>> ListAsync(ClaimsPrincipal user, SavedSearches searches, AlertLinks links, CancellationToken ct)
    {
        var saved = await searches.ListAsync(OrganizationAccess.UserIdOf(user)!.Value, ct);
        var networks = await searches.NetworksOfAsync(saved, ct);
        return TypedResults.Ok(saved.Select(s => Dto(s, networks[s.NetworkId], links)).ToList());
    }

    /// <summary>Saved in the network named by <c>network</c>, else in the current one (its host name, else the home network).</summary>
    static async Task<Results<Created<SavedSearchDto>, ValidationProblem>> CreateAsync(
        SavedSearchInput input, ClaimsPrincipal user, SavedSearches searches, AlertLinks links, CurrentNetwork current,
        HttpContext http, CancellationToken ct)
    {
        var network = await current.ResolveAsync(http, ct);
        if (input.Network is { } slug)
        {
            var named = await searches.FindNetworkAsync(slug.Trim(), ct);
            if (named is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["network"] = [$"Aucun réseau n'a l'adresse courte « {slug} »."] },
                    title: "Alerte invalide");
            network = named;
        }
        var (saved, errors) = await searches.CreateAsync(OrganizationAccess.UserIdOf(user)!.Value, network.Id, input, ct);
        if (saved is null) return TypedResults.ValidationProblem(errors, title: "Alerte invalide");
        return TypedResults.Created($"/api/v1/me/saved-searches/{saved.Id}", Dto(saved, network, links));
    }

    static async Task<Results<NoContent, NotFound>> DeleteAsync(Guid id, ClaimsPrincipal user, SavedSearches searches, CancellationToken ct) =>
        await searches.DeleteAsync(OrganizationAccess.UserIdOf(user)!.Value, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
