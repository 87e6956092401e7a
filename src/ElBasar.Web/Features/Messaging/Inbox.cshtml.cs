using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Messaging;

/// <summary>"Messages": my conversations, in my name and for each of my organisations, unread first then newest.</summary>
[Authorize]
public sealed class InboxModel(ElBasarDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "archives")] public bool ShowArchived { get; set; }

    public IReadOnlyList<InboxLine> Lines { get; private set; } = [];
    public int ArchivedCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await ConversationView.InboxAsync(db, OrganizationAccess.UserIdOf(User)!.Value, ct);
        ArchivedCount = all.Count(l => l.Archived);
        Lines = all.Where(l => l.Archived == ShowArchived).ToList();
    }
}
