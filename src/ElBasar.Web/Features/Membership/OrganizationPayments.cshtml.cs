using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>What an organisation owes for its listings, and how to pay, for its owners and editors.</summary>
[Authorize]
public sealed class OrganizationPaymentsModel(ElBasarDbContext db, OrganizationAccess access, Payments payments) : PageModel
{
    public string OrganizationName { get; private set; } = "";
    public IReadOnlyList<Payments.Waiting> Waiting { get; private set; } = [];
    public PaymentStart? HowToPay { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || !await access.CanEditAsync(me, id, ct)) return NotFound();
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        Waiting = await payments.PendingAsync(id, ct);
        if (Waiting.Count > 0) HowToPay = await payments.StartAsync(Waiting[0].Id, ct);
        return Page();
    }
}
