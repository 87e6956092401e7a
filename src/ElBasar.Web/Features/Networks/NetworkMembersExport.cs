using System.Globalization;
using System.Security.Claims;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Membership.Import;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// <c>/reseaux/{slug}/animation/membres.csv</c>: a network's organisations, members and those asking to join, for
/// French Excel; for whoever runs the network (<see cref="NetworkFacilitation.RunAsync"/>), 404 for anyone else, as
/// its animation page. A network other than the home one keeps no fees (its rules are a text of its charter), so the
/// file has none; the home network's list, with its fees, is <c>/animation/adhesions.csv</c>.
/// </summary>
public static class NetworkMembersExport
{
    // network_memberships.since is when the request was made, then when it was accepted: one date, named for each situation.
    public static readonly string[] Headers = ["Nom", "Type", "Commune", "Situation", "Membre depuis", "Demande faite le", "Courriel", "SIRET", "Site web"];

    public static async Task<IResult> CsvAsync(string slug, ClaimsPrincipal user, ElBasarDbContext db, NetworkFacilitation facilitation, TimeProvider clock,
        CancellationToken ct)
    {
        if (await facilitation.RunAsync(user, slug, ct) is not { } network) return Results.NotFound();
        // As /reseaux/{home slug} leads to the site's home page, the home network's export is the staff's one.
        if (network.IsHome) return Results.Redirect("/animation/adhesions.csv");

        var details = db.MemberDetails;
        var rows = await (from m in db.NetworkMemberships.AsNoTracking()
                          join o in db.Organizations on m.OrganizationId equals o.Id
                          where m.NetworkId == network.Id && o.Status == OrganizationStatus.Active
                          select new
                          {
                              o.Name, o.Kind, o.Commune, m.IsMember, m.Since, o.Email, o.Website,
                              Siret = details.Where(d => d.OrganizationId == o.Id).Select(d => d.Siret).FirstOrDefault(),
                          }).ToListAsync(ct);

        var csv = new ExcelCsv().Line(Headers);
        foreach (var r in rows.OrderBy(r => r.Name, StringComparer.Create(WebModule.French, ignoreCase: true)))
        {
            var since = Display.ToParis(r.Since).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            csv.Line(
            [
                r.Name, r.Kind == OrganizationKind.Individual ? "Personne" : "Structure", r.Commune, r.IsMember ? "Membre" : "Demande en attente",
                r.IsMember ? since : null, r.IsMember ? null : since, r.Email, r.Siret, r.Website,
            ]);
        }
        var today = Display.ToParis(clock.GetUtcNow().UtcDateTime);
        return csv.File($"membres-{network.Slug}-{today:yyyy-MM-dd}.csv");
    }
}
