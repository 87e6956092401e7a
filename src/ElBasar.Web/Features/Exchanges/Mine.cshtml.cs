using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ElBasar.Web.Infrastructure.Data;

namespace ElBasar.Web.Features.Exchanges;

/// <summary>"Mes échanges": those of the user's organisations, the ones waiting for their confirmation first.</summary>
[Authorize]
public sealed class MineModel(ElBasarDbContext db, ExchangeViews views, OrganizationAccess access) : PageModel
{
    public IReadOnlyList<ExchangeLine> ToConfirm { get; private set; } = [];
    public IReadOnlyList<ExchangeLine> Others { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = OrganizationAccess.UserIdOf(User)!.Value;
        var mine = (await access.OrganizationsOfAsync(userId, ct)).Select(o => o.Id).ToList();
        var all = await views.LinesAsync(db.Exchanges.Where(e => mine.Contains(e.FromOrganizationId) || mine.Contains(e.ToOrganizationId)).Take(500), ct);
        ToConfirm = all.Where(e => e.Status != ExchangeStatus.Confirmed && mine.Contains(e.ToId)).ToList();
        Others = all.Except(ToConfirm).ToList();
    }
}
