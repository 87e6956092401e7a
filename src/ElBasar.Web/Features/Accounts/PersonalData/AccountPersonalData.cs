using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Accounts.PersonalData;

/// <summary>The account itself: name, address, site roles, sign-ups and API tokens (never their secret).</summary>
sealed class AccountPersonalData(ElBasarDbContext db, UserManager<User> users) : IPersonalDataSource
{
    public string Section => "compte";

    public async Task<object> ExportAsync(Guid userId, CancellationToken ct)
    {
        var user = await db.Set<User>().AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderBy(t => t.CreatedAt).Select(t => new { nom = t.Name, crééLe = t.CreatedAt, dernièreUtilisation = t.LastUsedAt }).ToListAsync(ct);
        return new
        {
            id = user.Id,
            nom = user.DisplayName,
            adresseEmail = user.Email,
            adresseConfirmée = user.EmailConfirmed,
            crééLe = user.CreatedAt,
            rôles = await users.GetRolesAsync(user),
            verrouilléJusquAu = user.LockoutEnd,
            jetonsApi = tokens,
        };
    }

    // Tokens, roles and Identity's own rows go with the account (ON DELETE CASCADE).
    public Task ForgetAsync(Guid userId, CancellationToken ct) => Task.CompletedTask;
}
