using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>The hotline's part of the facilitators' dashboard: the requests still open.</summary>
sealed class HotlineBackOffice(ElBasarDbContext db) : IBackOfficeSource
{
    public async Task<IReadOnlyList<BackOfficeTile>> TilesAsync(CancellationToken ct) =>
    [
        new(20, "Demandes « Je ne trouve pas »", await db.HotlineRequests.CountAsync(r => r.Status == HotlineStatus.Open, ct), "/animation/demandes",
            "Demandes de mise en relation en cours."),
    ];
}
