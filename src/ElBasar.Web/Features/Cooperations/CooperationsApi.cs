using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// <c>GET /api/v1/cooperations?kind=&amp;sector=&amp;territory=&amp;status=&amp;q=</c> and
/// <c>GET /api/v1/cooperations/{id}</c>: anonymous reads, as the pages show them.
/// </summary>
public static class CooperationsApi
{
    public static IEndpointRouteBuilder MapCooperationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cooperations").WithTags("Cooperations").AllowAnonymous();
        group.MapGet("/", ListAsync).WithSummary("Cooperations, ongoing first: kind, sector, territory (département, EPCI or commune code), status, words.");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One cooperation, with its description and contact.");
        return app;
    }

    public sealed record TerritoryDto(string Level, string Code, string Name);

    public sealed record ParticipantDto(Guid Id, string Name);

    public sealed record CooperationDto(
        Guid Id, string Title, string Kind, string KindLabel, string Sector, TerritoryDto Territory, DateOnly StartsOn, DateOnly? EndsOn,
        string Status, IReadOnlyList<ParticipantDto> Participants, IReadOnlyList<string> OutsidePartners, string Url);

    public sealed record CooperationList(int Total, IReadOnlyList<CooperationDto> Items);

    public sealed record ContactDto(string Name, string? Email, string? Phone);

    public sealed record CooperationDetailsDto(
        CooperationDto Cooperation, string Origin, string Governance, string Stakes, string WorkingTogether, ContactDto Contact);

    static async Task<Results<Ok<CooperationList>, ValidationProblem>> ListAsync(
        string? kind, string? sector, string? territory, string? status, string? q,
        CooperationCatalog catalog, TerritoryCoverage coverage, Taxonomy taxonomy, SiteLinks links, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CooperationKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (CooperationWords.TryParseKind(kind, out var parsed)) k = parsed;
            else errors["kind"] = ["« kind » vaut pooling, project-partnership, ess-collective ou mixed-grouping."];
        }
        if (!string.IsNullOrWhiteSpace(sector) && taxonomy.FindCategory(sector) is null)
            errors["sector"] = ["« sector » est une catégorie de la taxonomie, par exemple mobility."];
        if (!string.IsNullOrWhiteSpace(territory) && !coverage.IsFilter(territory))
            errors["territory"] = ["« territory » est le code d'un département (62), d'un EPCI (SIREN, 9 chiffres) ou d'une commune (INSEE, 5 caractères)."];
        CooperationStatus? s = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (CooperationWords.TryParseStatus(status, out var parsed)) s = parsed;
            else errors["status"] = ["« status » vaut upcoming, ongoing ou ended."];
        }
        if (q?.Length > 200) errors["q"] = ["« q » fait 200 caractères au plus."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Filtres invalides");

        var items = await catalog.SearchAsync(new CooperationQuery(q, k, string.IsNullOrWhiteSpace(sector) ? null : sector.Trim(),
            string.IsNullOrWhiteSpace(territory) ? null : territory.Trim(), s), ct);
        var today = catalog.Today;
        return TypedResults.Ok(new CooperationList(items.Count, items.Select(i => Dto(i, today, coverage, links)).ToList()));
    }

    static async Task<Results<Ok<CooperationDetailsDto>, NotFound>> GetAsync(
        Guid id, CooperationCatalog catalog, TerritoryCoverage coverage, SiteLinks links, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } c) return TypedResults.NotFound();
        var summary = new CooperationCatalog.Summary(c.Id, c.Title, c.Kind, c.Sector, c.TerritoryLevel, c.TerritoryCode, c.StartsOn, c.EndsOn,
            c.Participants.Where(p => p.Organization!.Status == OrganizationStatus.Active)
                .Select(p => new CooperationCatalog.Participant(p.OrganizationId, p.Organization!.Name))
                .OrderBy(p => p.Name, StringComparer.Create(WebModule.French, ignoreCase: true)).ToList(),
            CooperationCatalog.OutsidePartnersOf(c));
        return TypedResults.Ok(new CooperationDetailsDto(Dto(summary, catalog.Today, coverage, links), c.Origin, c.Governance, c.Stakes, c.WorkingTogether,
            new ContactDto(c.ContactName, c.ContactEmail, c.ContactPhone)));
    }

    static CooperationDto Dto(CooperationCatalog.Summary c, DateOnly today, TerritoryCoverage coverage, SiteLinks links) => new(
        c.Id, c.Title, CooperationWords.Slug(c.Kind), CooperationWords.Label(c.Kind), c.Sector,
        new TerritoryDto(Slug.Of(c.TerritoryLevel), c.TerritoryCode, coverage.Name(c.TerritoryLevel, c.TerritoryCode)),
        c.StartsOn, c.EndsOn, CooperationWords.Slug(c.StatusOn(today)),
        c.Participants.Select(p => new ParticipantDto(p.Id, p.Name)).ToList(), c.OutsidePartners, $"{links.BaseUrl}/cooperations/{c.Id}");
}
