using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// The public page of a network's digest (<c>/lettre</c> for the home network, <c>/reseaux/{slug}/lettre</c>
/// for another): its past issues, the subscription form (double opt-in), and a member's own choice.
/// The form sends mail to the address typed: it takes the sign-in form's few posts a minute per address.
/// </summary>
[EnableRateLimiting(AccountLimits.Policy)]
public sealed class ArchiveModel(ElBasarDbContext db, Subscribers subscribers, Newsletters newsletters, NetworkAudiences audiences) : PageModel
{
    public NetworkRef Network { get; private set; } = null!;
    public string Path => NewsletterLinks.ArchivePath(Network);

    public IReadOnlyList<NewsletterIssue> Issues { get; private set; } = [];
    public bool? MemberReceives { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(string? network, string? fait, CancellationToken ct)
    {
        if (!await LoadAsync(network, ct)) return NotFound();
        Message = fait switch
        {
            "demande" => "Merci ! Un e-mail vient de partir : cliquez sur son lien pour confirmer votre abonnement.",
            "oui" => "Vous recevrez la lettre chaque mois.",
            "non" => "Vous ne recevrez plus la lettre.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSubscribeAsync(string? network, CancellationToken ct)
    {
        if (!await LoadAsync(network, ct)) return NotFound();
        if (!await subscribers.SubscribeAsync(Network, Email, Name, ct))
        {
            Problem = "Indiquez une adresse e-mail valable.";
            return Page();
        }
        return Redirect($"{Path}?fait=demande");
    }

    public async Task<IActionResult> OnPostChoiceAsync(string? network, bool receive, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId) return Challenge();
        if (!await LoadAsync(network, ct)) return NotFound();
        if (MemberReceives is null) return NotFound();
        await subscribers.SetMemberChoiceAsync(Network.Id, userId, receive, ct);
        return Redirect($"{Path}?fait={(receive ? "oui" : "non")}");
    }

    async Task<bool> LoadAsync(string? network, CancellationToken ct)
    {
        if (await newsletters.NetworkAsync(network, ct) is not { } found) return false;
        Network = found;
        Issues = await db.Set<NewsletterIssue>().AsNoTracking().Where(i => i.NetworkId == found.Id && i.Status == IssueStatus.Sent)
            .OrderByDescending(i => i.Month).ToListAsync(ct);
        // An account receives the home network's digest, or another's when one of its organisations is a member there.
        if (OrganizationAccess.UserIdOf(User) is { } userId && (found.IsHome || (await audiences.MemberNetworksAsync(userId, ct)).Contains(found.Id)))
            MemberReceives = await subscribers.ReceivesAsync(found.Id, userId, ct);
        return true;
    }
}
