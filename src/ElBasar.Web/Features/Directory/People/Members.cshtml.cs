using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.People;

/// <summary>An organisation's people, for its owners: requests to decide, roles to change, people to remove.</summary>
[Authorize]
public sealed class MembersModel(ElBasarDbContext db, OrganizationAccess access, OrganizationPeople people) : PageModel
{
    public const string LastOwner = "La structure doit garder au moins une personne responsable : nommez-en une autre avant de changer ce rôle ou de retirer cette personne.";

    public string OrganizationName { get; private set; } = "";
    public IReadOnlyList<Person> People { get; private set; } = [];
    public IReadOnlyList<PendingRequest> Requests { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public Guid Me { get; private set; }

    public sealed record Person(Guid UserId, string Name, string? Email, OrganizationRole Role, DateTime Since);
    public sealed record PendingRequest(Guid Id, string Name, string? Email, string? Message, DateTime CreatedAt);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid requestId, string? role, CancellationToken ct) =>
        ChangeAsync(id, role, r => people.DecideAsync(id, requestId, Me, r, Url.PageLink("/Directory/People/Space")!, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid requestId, CancellationToken ct) =>
        ChangeAsync(id, null, _ => people.DecideAsync(id, requestId, Me, null, Url.PageLink("/Directory/People/Space")!, ct), ct);

    public Task<IActionResult> OnPostRoleAsync(Guid id, Guid userId, string? role, CancellationToken ct) =>
        ChangeAsync(id, role, r => people.SetRoleAsync(id, userId, r!.Value, ct), ct);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid userId, CancellationToken ct)
    {
        var result = await ChangeAsync(id, null, _ => people.RemoveAsync(id, userId, ct), ct);
        // Someone who removed themselves can no longer open this page.
        return result is RedirectResult && userId == Me ? Redirect("/espace") : result;
    }

    /// <summary>Checks the owner and the role posted, makes the change, then shows the page again (post, redirect, get).</summary>
    async Task<IActionResult> ChangeAsync(Guid id, string? role, Func<OrganizationRole?, Task<PeopleChange>> change, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || !await access.IsOwnerAsync(me, id, ct)) return NotFound();
        Me = me;
        OrganizationRole? parsed = null;
        if (role is not null)
        {
            if (!Slug.TryParse<OrganizationRole>(role, out var r)) return BadRequest();
            parsed = r;
        }
        var result = await change(parsed);
        if (result == PeopleChange.NotFound) return NotFound();
        if (result == PeopleChange.LastOwner)
        {
            Problems = [LastOwner];
            await LoadAsync(id, ct);
            return Page();
        }
        return Redirect($"/structures/{id}/personnes");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } me || !await access.IsOwnerAsync(me, id, ct)) return false;
        Me = me;
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        var users = db.Set<User>();
        People = (await (from m in db.OrganizationMembers.AsNoTracking()
                         join u in users on m.UserId equals u.Id
                         where m.OrganizationId == id
                         select new Person(u.Id, u.DisplayName, u.Email, m.Role, m.Since)).ToListAsync(ct))
            .OrderBy(p => p.Role).ThenBy(p => p.Name, StringComparer.Create(Infrastructure.Web.WebModule.French, ignoreCase: true)).ToList();
        Requests = await (from r in db.JoinRequests.AsNoTracking()
                          join u in users on r.UserId equals u.Id
                          where r.OrganizationId == id && r.Status == JoinRequestStatus.Pending
                          orderby r.CreatedAt
                          select new PendingRequest(r.Id, u.DisplayName, u.Email, r.Message, r.CreatedAt)).ToListAsync(ct);
        return true;
    }
}
