using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Resources;

/// <summary>The resources a person added; they stay in the library without their author (ON DELETE SET NULL).</summary>
sealed class ResourcesPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "ressources";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct) =>
        await db.Set<Resource>().AsNoTracking().Where(r => r.AddedByUserId == userId).OrderBy(r => r.CreatedAt)
            .Select(r => new { titre = r.Title, genre = ResourceWords.Slug(r.Kind), date = r.PublishedOn, ajoutéeLe = r.CreatedAt })
            .ToListAsync(ct);

    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
