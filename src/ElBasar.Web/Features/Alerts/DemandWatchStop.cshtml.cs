using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// The one-click link of a demand watch mail, signed, without signing in: GET asks for
/// confirmation (mail scanners open links), POST turns the organisation's watch off. Mail programs
/// POST <c>List-Unsubscribe=One-Click</c> here themselves (RFC 8058): the signature is the proof.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class DemandWatchStopModel(DemandWatches watches) : PageModel
{
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? signature, CancellationToken ct) =>
        await FindAsync(id, signature, ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, string? signature, CancellationToken ct)
    {
        if (await FindAsync(id, signature, ct) is null) return NotFound();
        await watches.StopAsync(id, ct);
        Done = true;
        return Page();
    }

    // A wrong signature looks like a watch that does not exist: nothing can be probed.
    async Task<DemandWatch?> FindAsync(Guid id, string? signature, CancellationToken ct) =>
        await watches.FindAsync(id, ct) is { } watch && DemandWatches.Verify(watch, signature) ? watch : null;
}
