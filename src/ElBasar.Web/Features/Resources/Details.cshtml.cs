using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Resources;

/// <summary>
/// A resource's page: what it is, its themes, its file or its link. A members-only resource sends a
/// visitor to sign in, and answers 404 to a signed-in person who is not a member.
/// </summary>
public sealed class ResourceDetailsModel(ResourceLibrary library, ElBasarDbContext db) : PageModel
{
    public ResourceLibrary.Item Resource { get; private set; } = null!;
    public string? AddedBy { get; private set; }
    public bool MayManage { get; private set; }

    /// <summary>The event this is a document of, when it is one.</summary>
    public (Guid Id, string Title)? Event { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (found, membersOnly) = await library.FindVisibleAsync(User, id, ct);
        if (found is null) return membersOnly && User.Identity?.IsAuthenticated != true ? Challenge() : NotFound();
        Resource = found;
        MayManage = ResourceLibrary.MayManage(User);
        if (found.EventId is { } eventId)
            Event = await db.Set<Events.Event>().Where(e => e.Id == eventId).Select(e => new { e.Id, e.Title }).SingleOrDefaultAsync(ct) is { } ev ? (ev.Id, ev.Title) : null;
        if (MayManage)
        {
            AddedBy = await db.Set<Resource>().Where(r => r.Id == id)
                .Join(db.Set<User>(), r => r.AddedByUserId, u => (Guid?)u.Id, (r, u) => u.DisplayName).SingleOrDefaultAsync(ct);
        }
        return Page();
    }
}
