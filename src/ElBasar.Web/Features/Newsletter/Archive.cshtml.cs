using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// The public page of the digest: the past issues, the subscription form (double opt-in), and a
/// member's own choice. The form sends mail to the address typed: it takes the sign-in form's few
/// posts a minute per address.
/// </summary>
[EnableRateLimiting(AccountLimits.Policy)]
public sealed class ArchiveModel(ElBasarDbContext db, Subscribers subscribers) : PageModel
{
    public IReadOnlyList<NewsletterIssue> Issues { get; private set; } = [];
    public bool? MemberReceives { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }

    public async Task OnGetAsync(string? fait, CancellationToken ct)
    {
        await LoadAsync(ct);
        Message = fait switch
        {
            "demande" => "Merci ! Un e-mail vient de partir : cliquez sur son lien pour confirmer votre abonnement.",
            "oui" => "Vous recevrez la lettre chaque mois.",
            "non" => "Vous ne recevrez plus la lettre.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostSubscribeAsync(CancellationToken ct)
    {
        if (!await subscribers.SubscribeAsync(Email, Name, ct))
        {
            Problem = "Indiquez une adresse e-mail valable.";
            await LoadAsync(ct);
            return Page();
        }
        return RedirectToPage(new { fait = "demande" });
    }

    public async Task<IActionResult> OnPostChoiceAsync(bool receive, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId) return Challenge();
        await subscribers.SetMemberChoiceAsync(userId, receive, ct);
        return RedirectToPage(new { fait = receive ? "oui" : "non" });
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Issues = await db.Set<NewsletterIssue>().AsNoTracking().Where(i => i.Status == IssueStatus.Sent).OrderByDescending(i => i.Month).ToListAsync(ct);
        if (OrganizationAccess.UserIdOf(User) is { } userId) MemberReceives = await subscribers.ReceivesAsync(userId, ct);
    }
}
