using ElBasar.Web.Features.Accounts.PersonalData;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>The account's subscription to the digest (by account or by its address); it goes with the account.</summary>
sealed class NewsletterPersonalData(ElBasarDbContext db) : IPersonalDataSource
{
    public string Section => "lettre";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var email = await db.Set<Accounts.User>().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var lower = email?.ToLowerInvariant();
        return await db.Set<Subscriber>().AsNoTracking().Where(s => s.UserId == userId || s.Email == lower)
            .Select(s => new { eMail = s.Email, nom = s.Name, statut = s.Status.ToString(), depuis = s.CreatedAt, confirméLe = s.ConfirmedAt, désabonnéLe = s.UnsubscribedAt })
            .ToListAsync(ct);
    }

    // Rows tied to the account go by cascade; one made by the public form with the same address goes too.
    public async Task ForgetAsync(Guid userId, CancellationToken ct)
    {
        var email = await db.Set<Accounts.User>().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var lower = email?.ToLowerInvariant();
        await db.Set<Subscriber>().Where(s => s.UserId == userId || s.Email == lower).ExecuteDeleteAsync(ct);
    }
}
