using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Cooperations;

/// <summary>
/// The cooperations a person recorded: they stay for the network without their author
/// (ON DELETE SET NULL). The contact of a cooperation is whoever its partners named, not an account.
/// </summary>
sealed class CooperationsPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "cooperations";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct) => new
    {
        enregistrées = await db.Set<Cooperation>().AsNoTracking().Where(c => c.CreatedByUserId == userId)
            .OrderBy(c => c.CreatedAt).Select(c => new { nom = c.Title, début = c.StartsOn, crééeLe = c.CreatedAt }).ToListAsync(ct),
    };

    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
