using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>The facilitator's list of digests, and the month to compose (by default the one just over).</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class IssuesModel(ElBasarDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NewsletterIssue> Issues { get; private set; } = [];
    public string DefaultMonth { get; private set; } = "";
    public int Subscribers { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Issues = await db.Set<NewsletterIssue>().AsNoTracking().OrderByDescending(i => i.Month).Take(36).ToListAsync(ct);
        var now = Events.EventTimes.ToParis(clock.GetUtcNow().UtcDateTime);
        DefaultMonth = new DateOnly(now.Year, now.Month, 1).AddMonths(-1).ToString("yyyy-MM");
        Subscribers = await db.Set<Subscriber>().CountAsync(s => s.Status == SubscriberStatus.Active, ct);
    }

    public IActionResult OnPost(string? month) =>
        DigestComposer.TryParseMonth(month, out _) ? Redirect($"/animation/lettre/{month}") : RedirectToPage();
}
