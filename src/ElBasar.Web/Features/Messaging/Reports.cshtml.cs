using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// Reported conversations, for the facilitators: the report and the thread it is about (a party
/// asked them to read it), closed once dealt with. Blocking stays with the organisation.
/// </summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class ReportsModel(ElBasarDbContext db, Conversations conversations, TimeProvider clock) : PageModel
{
    const int Shown = 50;

    public sealed record OpenReport(ConversationReport Report, string Reporter, Conversation Conversation,
        (string Starter, string Receiver) Names, IReadOnlyList<MessageLine> Messages);

    public IReadOnlyList<OpenReport> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var open = await db.ConversationReports.AsNoTracking().Where(r => r.ClosedAt == null).OrderByDescending(r => r.CreatedAt).Take(Shown)
            .Join(db.Set<User>(), r => r.ReporterId, u => u.Id, (r, u) => new { Report = r, u.DisplayName })
            .ToListAsync(ct);
        var list = new List<OpenReport>();
        foreach (var r in open)
        {
            var c = await db.Conversations.AsNoTracking().SingleAsync(x => x.Id == r.Report.ConversationId, ct);
            var names = await conversations.NamesAsync(c, ct);
            list.Add(new OpenReport(r.Report, r.DisplayName, c, names, await ConversationView.MessagesAsync(db, c, null, names, ct)));
        }
        Reports = list;
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid reportId, CancellationToken ct)
    {
        await db.ConversationReports.Where(r => r.Id == reportId && r.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.ClosedById, OrganizationAccess.UserIdOf(User)), ct);
        return Redirect("/moderation/messages");
    }
}
