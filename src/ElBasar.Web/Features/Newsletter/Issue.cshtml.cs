using ElBasar.Web.Features.Networks;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>A network's sent digest in its web archive, as it was sent.</summary>
public sealed class IssueModel(ElBasarDbContext db, Newsletters newsletters) : PageModel
{
    public NewsletterIssue Issue { get; private set; } = null!;
    public NetworkRef Network { get; private set; } = null!;
    public string ArchivePath => NewsletterLinks.ArchivePath(Network);

    /// <summary>The body of the frozen digest: our own HTML, built from encoded text and Markdown without raw HTML.</summary>
    public string Body { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? network, string month, CancellationToken ct)
    {
        if (await newsletters.NetworkAsync(network, ct) is not { } found) return NotFound();
        Network = found;
        var issue = await db.Set<NewsletterIssue>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.NetworkId == found.Id && i.Month == month && i.Status == IssueStatus.Sent, ct);
        if (issue?.Html is null) return NotFound();
        Issue = issue;
        var html = issue.Html;
        var start = html.IndexOf("<h1>", StringComparison.Ordinal);
        var end = html.LastIndexOf("<p style=", StringComparison.Ordinal);
        // The title is the page's own h1; the footer with the unsubscribe link is for mail only.
        start = html.IndexOf("</h1>", start, StringComparison.Ordinal) + 5;
        Body = html[start..end];
        return Page();
    }
}
