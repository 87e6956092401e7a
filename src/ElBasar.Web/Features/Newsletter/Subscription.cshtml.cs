using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// The signed links of the digest, without signing in: confirming a subscription, and unsubscribing
/// in one click. GET asks (mail scanners open links), POST does. Mail programs POST
/// <c>List-Unsubscribe=One-Click</c> to the unsubscribe link themselves (RFC 8058), without an
/// antiforgery token: the signature is the proof.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SubscriptionModel(Subscribers subscribers) : PageModel
{
    public string Action { get; private set; } = "";
    public bool Done { get; private set; }
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string step, Guid id, string? signature, CancellationToken ct)
    {
        Action = step;
        if (await FindAsync(step, id, signature, ct) is not { } s) return NotFound();
        Email = s.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string step, Guid id, string? signature, CancellationToken ct)
    {
        Action = step;
        if (await FindAsync(step, id, signature, ct) is not { } s) return NotFound();
        if (step == "confirmer") await subscribers.ConfirmAsync(s, ct);
        else await subscribers.UnsubscribeAsync(s, ct);
        Email = s.Email;
        Done = true;
        return Page();
    }

    // A wrong signature looks like a missing subscriber: ids cannot be probed.
    Task<Subscriber?> FindAsync(string step, Guid id, string? signature, CancellationToken ct) =>
        subscribers.FindSignedAsync(id, step == "confirmer" ? "confirm" : "unsubscribe", signature, ct);
}
