using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Users;

/// <summary>
/// The accounts and their site roles: find one by name or address, make it a facilitator or an
/// admin or take the role back, lock or unlock it. The network always keeps one admin, and nobody
/// locks their own account.
/// </summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class UsersPageModel(ElBasarDbContext db, UserManager<User> users, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public sealed record AccountRow(Guid Id, string Name, string? Email, IReadOnlyList<string> Roles, bool Locked);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public Dictionary<string, string> Errors { get; } = [];
    public string? Done { get; private set; }

    public static string RoleLabel(string role) => role switch
    {
        SiteRoles.Admin => "administration",
        SiteRoles.Facilitator => "animation",
        _ => "membre",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Done = TempData[nameof(Done)] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role, bool grant, CancellationToken ct)
    {
        if (role is not (SiteRoles.Admin or SiteRoles.Facilitator)) return BadRequest();
        if (await users.FindByIdAsync(id.ToString()) is not { } user) return NotFound();
        var has = await users.IsInRoleAsync(user, role);
        if (has == grant) return Saved(grant ? $"{user.DisplayName} a déjà le rôle {RoleLabel(role)}." : $"{user.DisplayName} n'a pas le rôle {RoleLabel(role)}.");
        if (!grant && role == SiteRoles.Admin && (await users.GetUsersInRoleAsync(SiteRoles.Admin)).Count <= 1)
            return await RefuseAsync(id, "Le réseau doit garder au moins un compte d'administration : donnez d'abord ce rôle à quelqu'un d'autre.", ct);

        await audit.AddAsync(grant ? AuditActions.RoleGranted : AuditActions.RoleRevoked, AuditSubjects.Account, id.ToString(),
            grant ? $"Rôle {RoleLabel(role)} donné à {user.DisplayName} ({user.Email})." : $"Rôle {RoleLabel(role)} retiré à {user.DisplayName} ({user.Email}).",
            new { role }, ct);
        // The store saves the unit of work, audit line included, in one SaveChanges.
        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (!result.Succeeded) return await RefuseAsync(id, string.Join(" ", result.Errors.Select(e => e.Description)), ct);
        // A new stamp signs the account's open sessions out at their next check, so the new rights apply.
        await users.UpdateSecurityStampAsync(user);
        return Saved(grant ? $"{user.DisplayName} a désormais le rôle {RoleLabel(role)}." : $"{user.DisplayName} n'a plus le rôle {RoleLabel(role)}.");
    }

    public async Task<IActionResult> OnPostLockAsync(Guid id, bool locked, CancellationToken ct)
    {
        if (await users.FindByIdAsync(id.ToString()) is not { } user) return NotFound();
        if (locked && OrganizationAccess.UserIdOf(User) == id)
            return await RefuseAsync(id, "Vous ne pouvez pas verrouiller votre propre compte.", ct);
        await audit.AddAsync(locked ? AuditActions.AccountLocked : AuditActions.AccountUnlocked, AuditSubjects.Account, id.ToString(),
            locked ? $"Compte de {user.DisplayName} ({user.Email}) verrouillé." : $"Compte de {user.DisplayName} ({user.Email}) déverrouillé.", null, ct);
        if (locked)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        return Saved(locked ? $"Le compte de {user.DisplayName} est verrouillé : il ne peut plus se connecter." : $"Le compte de {user.DisplayName} est déverrouillé.");
    }

    async Task<IActionResult> RefuseAsync(Guid id, string refusal, CancellationToken ct)
    {
        Errors[$"account-{id}"] = refusal;
        await LoadAsync(ct);
        return Page();
    }

    IActionResult Saved(string done)
    {
        TempData[nameof(Done)] = done;
        var query = new List<string>();
        if (Q is { Length: > 0 } q) query.Add($"q={Uri.EscapeDataString(q)}");
        if (PageNumber > 1) query.Add($"p={PageNumber}");
        return Redirect("/admin/utilisateurs" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var accounts = db.Set<User>().AsNoTracking();
        if (Q?.Trim() is { Length: > 0 } q)
        {
            var lower = q.ToLowerInvariant();
            var upper = q.ToUpperInvariant();
            accounts = accounts.Where(u => u.DisplayName.ToLower().Contains(lower) || u.NormalizedEmail!.Contains(upper));
        }
        Total = await accounts.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await accounts.OrderBy(u => u.DisplayName).ThenBy(u => u.Email).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnabled, u.LockoutEnd }).ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.Set<IdentityUserRole<Guid>>()
                           join r in db.Set<Role>() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        Accounts = page.Select(u => new AccountRow(u.Id, u.DisplayName, u.Email,
                roles.Where(r => r.UserId == u.Id && r.Name is not null).Select(r => r.Name!).OrderBy(RoleOrder).ToList(),
                u.LockoutEnabled && u.LockoutEnd is { } end && end > now))
            .ToList();
    }

    static int RoleOrder(string role) => role switch { SiteRoles.Admin => 0, SiteRoles.Facilitator => 1, _ => 2 };
}
