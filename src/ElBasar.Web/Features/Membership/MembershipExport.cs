using System.Globalization;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Membership;

/// <summary><c>/animation/adhesions.csv</c>: every organisation's membership today, for French Excel.</summary>
public static class MembershipExport
{
    public static readonly string[] Headers = ["Nom", "Type", "Commune", "Situation", "Année", "Valable jusqu'au", "Barème", "Cotisation (€)", "Courriel", "SIRET"];

    public static async Task<IResult> CsvAsync(ElBasarDbContext db, Memberships memberships, CancellationToken ct)
    {
        var csv = new ExcelCsv().Line(Headers);
        foreach (var l in await DeskModel.LinesAsync(db, memberships, ct))
            csv.Line(
            [
                l.Name, l.Kind == OrganizationKind.Individual ? "Personne" : "Structure", l.Commune, MembershipLabels.Of(l.State),
                l.Year?.ToString(CultureInfo.InvariantCulture), l.ValidUntil?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                l.TierLabel, l.Fee.ToString("0.00", WebModule.French), l.Email, l.Siret,
            ]);
        return csv.File($"adhesions-{memberships.Today:yyyy-MM-dd}.csv");
    }
}
