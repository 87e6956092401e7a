using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// The link of event mails to free one's place, without signing in (visitors have no account): GET
/// asks (mail scanners open links), POST cancels. The registration's secret is the proof.
/// </summary>
public sealed class CancelRegistrationModel(ElBasarDbContext db, EventRegistrations registrations) : PageModel
{
    public EventRegistration Registration { get; private set; } = null!;
    public Event Event { get; private set; } = null!;
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? cle, CancellationToken ct) =>
        await FindAsync(id, cle, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, string? cle, CancellationToken ct)
    {
        if (!await FindAsync(id, cle, ct)) return NotFound();
        await registrations.CancelAsync(id, ct);
        Done = true;
        return Page();
    }

    async Task<bool> FindAsync(Guid id, string? key, CancellationToken ct)
    {
        var registration = await db.Set<EventRegistration>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (registration is null || !EventLinks.Verify(registration, key)) return false;
        Registration = registration;
        Event = await db.Set<Event>().AsNoTracking().SingleAsync(e => e.Id == registration.EventId, ct);
        return true;
    }
}
