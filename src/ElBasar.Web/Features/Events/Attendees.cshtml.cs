using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Events;

/// <summary>The organiser's list of attendees: registered, waiting, cancelled.</summary>
[Authorize]
public sealed class EventAttendeesModel(EventCatalog catalog, ElBasarDbContext db) : PageModel
{
    public Event Event { get; private set; } = null!;
    public IReadOnlyList<Attendees.Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await catalog.FindAsync(id, ct) is not { } ev || !await catalog.MayManageAsync(User, ev, ct)) return NotFound();
        Event = ev;
        Rows = await Attendees.LoadAsync(db, id, ct);
        return Page();
    }
}
