using ElBasar.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Events;

public sealed class EventsIndexModel(EventCatalog catalog) : PageModel
{
    public IReadOnlyList<EventCatalog.Summary> Upcoming { get; private set; } = [];
    public IReadOnlyList<EventCatalog.Summary> Past { get; private set; } = [];
    public bool MayAnnounce { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Upcoming = await catalog.UpcomingAsync(100, ct);
        Past = await catalog.PastAsync(20, ct);
        MayAnnounce = await catalog.MayAnnounceAsync(User, ct);
    }
}
