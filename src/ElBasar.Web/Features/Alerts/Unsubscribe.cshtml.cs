using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// The unsubscribe link of an alert mail, signed, without signing in: GET asks for confirmation
/// (mail scanners open links), POST pauses the alert. Mail programs POST
/// <c>List-Unsubscribe=One-Click</c> here themselves (RFC 8058), without any antiforgery token:
/// the signature is what proves the link came from the mail.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(ElBasarDbContext db, SavedSearches searches) : PageModel
{
    public SavedSearch? Search { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? signature, CancellationToken ct)
    {
        Search = await FindAsync(id, signature, ct);
        return Search is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? signature, CancellationToken ct)
    {
        Search = await FindAsync(id, signature, ct);
        if (Search is null) return NotFound();
        await searches.PauseAsync(Search, ct);
        Done = true;
        return Page();
    }

    // A wrong signature looks like a missing alert: ids cannot be probed.
    async Task<SavedSearch?> FindAsync(Guid id, string? signature, CancellationToken ct)
    {
        var saved = await db.SavedSearches.SingleOrDefaultAsync(s => s.Id == id, ct);
        return saved is not null && AlertLinks.Verify(saved, signature) ? saved : null;
    }
}
