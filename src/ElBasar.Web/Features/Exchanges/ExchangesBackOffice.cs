using ElBasar.Web.Infrastructure.Web;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>The exchanges' part of the facilitators' dashboard: members with no sign of life for six months, to call.</summary>
sealed class ExchangesBackOffice(MemberActivity activity) : IBackOfficeSource
{
    const int Months = 6;

    public async Task<IReadOnlyList<BackOfficeTile>> TilesAsync(CancellationToken ct) =>
    [
        new(50, "Membres qui ont décroché", (await activity.DriftedAsync(Months, ct)).Count, $"/animation/impact/decroches?mois={Months}",
            $"Aucune annonce, aucun message ni échange depuis {Months} mois : un appel pour prendre des nouvelles ?"),
    ];
}
