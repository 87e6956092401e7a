using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Membership;

/// <summary>A membership fee's receipt, a page made to be printed (or saved as PDF): for the organisation's people and the facilitators.</summary>
[Authorize]
public sealed class ReceiptModel(ElBasarDbContext db, OrganizationAccess access, HomeNetwork network) : PageModel
{
    public Membership Paid { get; private set; } = null!;
    public string NetworkName { get; private set; } = "";
    public string OrganizationName { get; private set; } = "";
    public string? Address { get; private set; }
    public string? RecordedBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var paid = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.ReceiptNumber != null, ct);
        if (paid is null) return NotFound();
        var allowed = AccountPolicies.IsStaff(User)
            || (OrganizationAccess.UserIdOf(User) is { } me && await access.RoleAsync(me, paid.OrganizationId, ct) is not null);
        if (!allowed) return NotFound();
        Paid = paid;
        var homeId = await network.IdAsync(ct);
        NetworkName = await db.Networks.Where(n => n.Id == homeId).Select(n => n.Name).SingleAsync(ct);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == paid.OrganizationId)
            .Select(o => new { o.Name, o.PostalCode, o.Commune }).SingleAsync(ct);
        OrganizationName = organization.Name;
        Address = string.Join(' ', new[] { organization.PostalCode, organization.Commune }.Where(p => p is { Length: > 0 }));
        RecordedBy = await db.Set<User>().Where(u => u.Id == paid.RecordedById).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return Page();
    }
}
