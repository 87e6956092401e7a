using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

/// <summary>One listing or organisation under moderation: its reports, its history, and the decisions.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class SubjectModel(ElBasarDbContext db, ModerationDecisions decisions, UserManager<User> users) : PageModel
{
    public const string ReasonRequired = "Indiquez le motif : il est envoyé à la structure et gardé au journal.";

    [BindProperty] public DecisionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "fait")] public string? Done { get; set; }

    public ModerationSubject Subject { get; private set; } = null!;
    public IReadOnlyList<(ModerationReport Report, string ReporterName)> OpenReports { get; private set; } = [];
    public IReadOnlyList<ModerationLogEntry> History { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? DoneMessage => Done switch
    {
        "masque" => "C'est masqué. La décision est au journal et la structure a été prévenue si elle a une adresse.",
        "retabli" => "C'est rétabli. La décision est au journal.",
        "classe" => "Les signalements sont classés sans suite. La décision est au journal.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostHideAsync(string kind, Guid id, CancellationToken ct) => DecideAsync(kind, id, "masque", requireReason: true,
        (k, by) => decisions.HideAsync(k, id, Input.Reason!.Trim(), by, ct), ct);

    public Task<IActionResult> OnPostRestoreAsync(string kind, Guid id, CancellationToken ct) => DecideAsync(kind, id, "retabli", requireReason: false,
        (k, by) => decisions.RestoreAsync(k, id, Input.Reason, by, ct), ct);

    public Task<IActionResult> OnPostDismissAsync(string kind, Guid id, CancellationToken ct) => DecideAsync(kind, id, "classe", requireReason: false,
        async (k, by) => await decisions.DismissAsync(k, id, Input.Reason, by, ct) > 0, ct);

    async Task<IActionResult> DecideAsync(string kind, Guid id, string done, bool requireReason,
        Func<ModerationSubjectKind, Moderator, Task<bool>> decide, CancellationToken ct)
    {
        if (!ModerationSubject.TryParseSegment(kind, out var subjectKind)) return NotFound();
        if (requireReason && string.IsNullOrWhiteSpace(Input.Reason))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(DecisionInput.Reason)}", ReasonRequired);
        if (ModelState.IsValid)
        {
            var user = await users.GetUserAsync(User);
            if (user is null) return Challenge();
            // A decision that no longer applies (someone else acted first) just shows the page as it is now.
            await decide(subjectKind, new Moderator(user.Id, user.DisplayName));
            return Redirect($"{ModerationSubject.ManagePath(subjectKind, id)}?fait={done}");
        }
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        return Page();
    }

    async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!ModerationSubject.TryParseSegment(kind, out var subjectKind)
            || await ModerationSubject.FindAsync(db, subjectKind, id, ct) is not { } subject) return false;
        Subject = subject;
        OpenReports = (await db.ModerationReports.AsNoTracking()
                .Where(r => r.SubjectKind == subjectKind && r.SubjectId == id && r.Status == ReportStatus.Open)
                .OrderByDescending(r => r.CreatedAt)
                .Join(db.Set<User>(), r => r.ReporterId, u => u.Id, (r, u) => new { Report = r, u.DisplayName })
                .ToListAsync(ct))
            .Select(r => (r.Report, r.DisplayName)).ToList();
        History = await db.ModerationLog.AsNoTracking().Where(l => l.SubjectKind == subjectKind && l.SubjectId == id)
            .OrderByDescending(l => l.At).ToListAsync(ct);
        return true;
    }
}

public sealed class DecisionInput
{
    [StringLength(ModerationLogEntry.MaxReasonLength, ErrorMessage = "Le motif doit faire au plus 2 000 caractères.")]
    [Display(Name = "Motif")]
    public string? Reason { get; set; }
}
