using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Moderation's part of the facilitators' dashboard: the reports waiting for a decision.</summary>
sealed class ModerationBackOffice(ElBasarDbContext db) : IBackOfficeSource
{
    public async Task<IReadOnlyList<BackOfficeTile>> TilesAsync(CancellationToken ct) =>
    [
        new(10, "Signalements à examiner", await db.ModerationReports.CountAsync(r => r.Status == ReportStatus.Open, ct), "/moderation",
            "Annonces, structures et messages signalés par des membres."),
    ];
}
