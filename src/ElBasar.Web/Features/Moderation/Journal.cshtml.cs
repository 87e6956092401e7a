using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>Every moderation decision, newest first: who, what, why, when.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class JournalModel(ElBasarDbContext db) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<ModerationLogEntry> Entries { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;
    public bool HasNext { get; private set; }

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        PageNumber = Math.Clamp(page ?? 1, 1, 100_000);
        var entries = await db.ModerationLog.AsNoTracking().OrderByDescending(l => l.At).ThenByDescending(l => l.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        HasNext = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
    }
}
