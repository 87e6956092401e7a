using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// A network's digests for its facilitators (<c>/animation/lettre</c> for the home network,
/// <c>/reseaux/{slug}/animation/lettre</c> for another), and the month to compose (by default the one just over).
/// </summary>
[Authorize]
public sealed class IssuesModel(ElBasarDbContext db, DigestFacilitators facilitators, TimeProvider clock) : PageModel
{
    public NetworkRef Network { get; private set; } = null!;
    public IReadOnlyList<NewsletterIssue> Issues { get; private set; } = [];
    public string DefaultMonth { get; private set; } = "";
    public int Subscribers { get; private set; }
    public string ComposePath => NewsletterLinks.ComposePath(Network);

    public async Task<IActionResult> OnGetAsync(string? network, CancellationToken ct)
    {
        if (await RefuseAsync(network, ct) is { } refused) return refused;
        Issues = await db.Set<NewsletterIssue>().AsNoTracking().Where(i => i.NetworkId == Network.Id).OrderByDescending(i => i.Month).Take(36).ToListAsync(ct);
        var now = Events.EventTimes.ToParis(clock.GetUtcNow().UtcDateTime);
        DefaultMonth = new DateOnly(now.Year, now.Month, 1).AddMonths(-1).ToString("yyyy-MM");
        Subscribers = await db.Set<Subscriber>().CountAsync(s => s.NetworkId == Network.Id && s.Status == SubscriberStatus.Active, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? network, string? month, CancellationToken ct)
    {
        if (await RefuseAsync(network, ct) is { } refused) return refused;
        return Redirect(DigestComposer.TryParseMonth(month, out _) ? $"{ComposePath}/{month}" : ComposePath);
    }

    // The home network's page answers 403 to a signed-in person who may not use it, as before; another network's is not there for them.
    async Task<IActionResult?> RefuseAsync(string? network, CancellationToken ct)
    {
        var answer = await facilitators.CheckAsync(User, network, ct);
        if (answer.Network is null) return NotFound();
        Network = answer.Network;
        return answer.Allowed ? null : Network.IsHome ? Forbid() : NotFound();
    }
}
