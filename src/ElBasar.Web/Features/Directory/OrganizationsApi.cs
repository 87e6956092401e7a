using System.Globalization;
using System.Security.Claims;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ElBasar.Web.Features.Directory;

public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/v1/organizations").WithTags("Organizations").AllowAnonymous();
        organizations.MapGet("/", SearchAsync).WithSummary("The directory of organisations.");
        organizations.MapGet("/{id:guid}", GetAsync).WithSummary("One organisation's public profile.");
        return app;
    }

    public sealed record Parameters(string? Q, string? LegalForm, string? Territory, string? Activity, string? Member, string? Page, string? PageSize);

    static async Task<Results<Ok<OrganizationPage>, ValidationProblem>> SearchAsync(
        [AsParameters] Parameters p, OrganizationDirectory directory, Taxonomy taxonomy, Territories territories, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (p.Territory is { Length: > 0 } territory && territories.FindCommune(territory) is null
            && territories.FindEpci(territory) is null && territories.FindDepartement(territory) is null)
            errors["territory"] = [$"Le territoire « {territory} » n'existe pas : donnez un code de commune, d'EPCI ou de département."];
        if (p.LegalForm is { Length: > 0 } form && taxonomy.FindLegalForm(form) is null)
            errors["legalForm"] = [$"La forme juridique « {form} » n'existe pas."];
        bool? member = null;
        if (p.Member is { Length: > 0 })
        {
            if (bool.TryParse(p.Member, out var m)) member = m;
            else errors["member"] = ["« member » doit valoir « true » ou « false »."];
        }
        var page = ParseInt(p.Page, "page", 1, 100_000, 1, errors);
        var pageSize = ParseInt(p.PageSize, "pageSize", 1, OrganizationDirectory.MaxPageSize, 20, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Paramètres invalides");
        var query = new DirectoryQuery(p.Q?.Trim(), NullIfEmpty(p.LegalForm), NullIfEmpty(p.Territory), NullIfEmpty(p.Activity), member, page, pageSize);
        return TypedResults.Ok(await directory.SearchAsync(query, ct));
    }

    static async Task<Results<Ok<OrganizationDetails>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, ElBasarDbContext db, HomeNetwork network, OrganizationAccess access, CancellationToken ct) =>
        await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), id, await access.SeesMembersOnlyContactsAsync(user, id, ct), ct) is { } organization
            ? TypedResults.Ok(organization)
            : TypedResults.NotFound();

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static int ParseInt(string? raw, string name, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return fallback;
        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [$"« {name} » doit être un nombre entier entre {min} et {max}."];
        return fallback;
    }
}
