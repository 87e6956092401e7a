using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>
/// "Mes échanges": those of the user's organisations, the ones waiting for their confirmation first;
/// owners choose here whether their organisation is named on the public impact page.
/// </summary>
[Authorize]
public sealed class MineModel(ElBasarDbContext db, ExchangeViews views, OrganizationAccess access, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ExchangeLine> ToConfirm { get; private set; } = [];
    public IReadOnlyList<ExchangeLine> Others { get; private set; } = [];

    /// <summary>The organisations the user owns, and whether each agreed to be named on /impact.</summary>
    public IReadOnlyList<(UserOrganization Organization, bool Named)> Owned { get; private set; } = [];

    [TempData] public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        var organizations = await access.OrganizationsOfAsync(userId, ct);
        var mine = organizations.Select(o => o.Id).ToList();
        var all = await views.LinesAsync(db.Exchanges.Where(e => mine.Contains(e.FromOrganizationId) || mine.Contains(e.ToOrganizationId)).Take(500), ct);
        ToConfirm = all.Where(e => e.Status != ExchangeStatus.Confirmed && mine.Contains(e.ToId)).ToList();
        Others = all.Except(ToConfirm).ToList();
        var named = await db.ImpactConsents.Where(c => mine.Contains(c.OrganizationId)).Select(c => c.OrganizationId).ToListAsync(ct);
        Owned = organizations.Where(o => o.Role == OrganizationRole.Owner).Select(o => (o, named.Contains(o.Id))).ToList();
    }

    /// <summary>An owner agrees, or no longer agrees, that the organisation is named on the public impact page.</summary>
    public async Task<IActionResult> OnPostNamedAsync(Guid organization, bool named, CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        if (!await access.IsOwnerAsync(userId, organization, ct)) return Forbid();
        var consent = await db.ImpactConsents.SingleOrDefaultAsync(c => c.OrganizationId == organization, ct);
        if (named && consent is null)
            db.ImpactConsents.Add(new ImpactConsent { OrganizationId = organization, AgreedAt = clock.GetUtcNow().UtcDateTime, AgreedById = userId });
        else if (!named && consent is not null)
            db.ImpactConsents.Remove(consent);
        await db.SaveChangesAsync(ct);
        Saved = named ? "Votre structure sera nommée sur la page publique de l'impact." : "Votre structure ne sera plus nommée sur la page publique de l'impact.";
        return RedirectToPage();
    }
}
