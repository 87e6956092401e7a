using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ElBasar.Web.Features.Membership;

/// <summary>An organisation's membership as its people see it: where it stands, what it costs, how to pay, its receipts.</summary>
[Authorize]
public sealed class StatusModel(ElBasarDbContext db, OrganizationAccess access, Memberships memberships, IOptions<MembershipOptions> options) : PageModel
{
    public string OrganizationName { get; private set; } = "";
    public MembershipSummary Summary { get; private set; } = null!;
    public MembershipTier Tier { get; private set; } = null!;
    public IReadOnlyList<Membership> History { get; private set; } = [];
    public string PaymentInstructions => options.Value.PaymentInstructions;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || await access.RoleAsync(me, id, ct) is null) return NotFound();
        if (await memberships.SummaryAsync(id, ct) is not { } summary) return NotFound();
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        Summary = summary;
        Tier = (await memberships.TierOfAsync(id, ct))!;
        History = await memberships.HistoryAsync(id, ct);
        return Page();
    }
}
