using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Events;

/// <summary>
/// A network's calendar: <c>?reseau=slug</c>, else the current network's. Its events and those its partners share
/// with it, for this reader (<see cref="EventCalendars"/>), each marked with its network when it is another's.
/// </summary>
public sealed class EventsIndexModel(EventCatalog catalog, EventCalendars calendars) : PageModel
{
    public IReadOnlyList<EventCatalog.Summary> Upcoming { get; private set; } = [];
    public IReadOnlyList<EventCatalog.Summary> Past { get; private set; } = [];
    public bool MayAnnounce { get; private set; }
    public Networks.NetworkRef Network { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "reseau")] public string? Slug { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await calendars.NetworkAsync(HttpContext, Slug, ct) is not { } network) return NotFound();
        Network = network;
        var networks = await calendars.NetworksAsync(HttpContext, network.Slug, ct);
        Upcoming = await catalog.UpcomingAsync(networks!, 100, ct);
        Past = await catalog.PastAsync(networks!, 20, ct);
        MayAnnounce = await catalog.MayAnnounceAsync(User, ct);
        return Page();
    }
}
