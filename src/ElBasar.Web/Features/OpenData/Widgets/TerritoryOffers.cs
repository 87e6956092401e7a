using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.OpenData.Widgets;

/// <summary>A territory a local authority's map shows: a commune (INSEE code), an EPCI (SIREN) or a département.</summary>
public sealed record Territory(string Code, string Name, string Kind, IReadOnlyList<string> CommuneCodes);

/// <summary>A live public offer placed in a territory, for the map widget.</summary>
public sealed record TerritoryOffer(Guid Id, string Title, string Url, string? Commune, double? Latitude, double? Longitude, string Organization);

/// <summary>The map widget's data: a territory, and its live public offers.</summary>
public sealed record TerritoryMap(string Code, string Name, string Kind, int Total, IReadOnlyList<TerritoryOffer> Offers);

/// <summary>
/// The live public offers of a territory for <c>/widgets/carte</c> and its data at <c>/widgets/carte/annonces.json</c>:
/// published, open to everyone, not expired, of an organisation not hidden, whose commune is in the territory.
/// </summary>
public sealed class TerritoryOffers(ElBasarDbContext db, Territories territories, TimeProvider clock)
{
    /// <summary>The newest offers first, at most this many on one map: enough for a territory, light for a page inside another.</summary>
    public const int MaxOffers = 500;

    public Territory? Find(string? code)
    {
        var typed = code?.Trim().ToUpperInvariant() ?? "";
        if (typed.Length == 9 && territories.FindEpci(typed) is { } epci)
            return new Territory(epci.Code, epci.Name, "epci", territories.CommunesOfEpci(epci.Code).Select(c => c.Code).ToList());
        if (typed.Length == 5 && territories.FindCommune(typed) is { } commune)
            return new Territory(commune.Code, commune.Name, "commune", [commune.Code]);
        if (typed.Length is 2 or 3 && territories.FindDepartement(typed) is { } departement)
            return new Territory(departement.Code, departement.Name, "departement", territories.CommunesOfDepartement(departement.Code).Select(c => c.Code).ToList());
        return null;
    }

    public async Task<TerritoryMap> LoadAsync(Territory territory, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var codes = territory.CommuneCodes.ToList();
        var offers = db.Listings.AsNoTracking()
            .Where(l => l.Kind == ListingKind.Offer && l.Status == ListingStatus.Published && l.Visibility == ListingVisibility.Everyone && db.Set<Network>().Any(n => n.IsHome && n.Id == l.NetworkId)
                        && (l.ExpiresAt == null || l.ExpiresAt > now) && l.Organization!.Status == OrganizationStatus.Active
                        && l.CommuneInsee != null && codes.Contains(l.CommuneInsee));
        var total = await offers.CountAsync(ct);
        var rows = await offers.OrderByDescending(l => l.CreatedAt).Take(MaxOffers)
            .Select(l => new { l.Id, l.Title, l.Commune, l.Latitude, l.Longitude, Organization = l.Organization!.Name })
            .ToListAsync(ct);
        return new TerritoryMap(territory.Code, territory.Name, territory.Kind, total,
            rows.Select(r => new TerritoryOffer(r.Id, r.Title, $"/annonces/{r.Id}", r.Commune, r.Latitude, r.Longitude, r.Organization)).ToList());
    }

    /// <summary><c>GET /widgets/carte/annonces.json?territoire=…</c>: a 400 problem for a code that is no territory.</summary>
    public static async Task<IResult> JsonAsync(string? territoire, TerritoryOffers offers, CancellationToken ct)
    {
        if (offers.Find(territoire) is not { } territory)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["territoire"] = [MapWidgetModel.UnknownTerritory] }, title: "Territoire inconnu");
        return TypedResults.Ok(await offers.LoadAsync(territory, ct));
    }
}
