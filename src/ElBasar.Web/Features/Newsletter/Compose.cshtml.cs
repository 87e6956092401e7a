using System.Globalization;
using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Events;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Newsletter;

/// <summary>
/// A network's digest of a month, for its facilitators (<see cref="DigestFacilitators"/>): preview,
/// selection, editorial, test, then send or schedule; progress while it goes.
/// </summary>
[Authorize]
public sealed class ComposeModel(Newsletters newsletters, ElBasarDbContext db, DigestComposer composer, DigestFacilitators facilitators) : PageModel
{
    public NetworkRef Network { get; private set; } = null!;
    public string ComposePath => NewsletterLinks.ComposePath(Network);
    public string ArchivePath => NewsletterLinks.ArchivePath(Network);
    public NewsletterIssue Issue { get; private set; } = null!;
    public DigestComposer.Digest Digest { get; private set; } = null!;
    public IReadOnlyList<DigestComposer.ListingItem> AllListings { get; private set; } = [];
    public Newsletters.Progress? Progress { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public string Subject { get; set; } = "";
    [BindProperty] public string? Editorial { get; set; }
    [BindProperty] public List<Guid> Included { get; set; } = [];
    [BindProperty] public string? ScheduleDate { get; set; }
    [BindProperty] public string? ScheduleTime { get; set; }

    public async Task<IActionResult> OnGetAsync(string? network, string month, string? fait, CancellationToken ct)
    {
        if (await RefuseAsync(network, ct) is { } refused) return refused;
        if (!await LoadAsync(month, ct)) return NotFound();
        Message = fait switch
        {
            "enregistre" => "La lettre est enregistrée : voici l'aperçu.",
            "test" => "Un exemplaire de test vous a été envoyé.",
            "programme" => $"La lettre partira le {EventTimes.Long(Issue.ScheduledAt ?? default)}.",
            "envoi" => "L'envoi a commencé : il se poursuit en arrière-plan, vous pouvez quitter cette page.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string? network, string month, CancellationToken ct) =>
        ActAsync(network, month, "enregistre", (_, _) => Task.FromResult(true), ct);

    public Task<IActionResult> OnPostTestAsync(string? network, string month, CancellationToken ct) => ActAsync(network, month, "test", async (issue, c) =>
    {
        var me = OrganizationAccess.UserIdOf(User)!.Value;
        var account = await db.Set<User>().AsNoTracking().Where(u => u.Id == me).Select(u => new { u.Email, u.DisplayName }).SingleAsync(c);
        await newsletters.SendTestAsync(issue, account.Email!, account.DisplayName, c);
        return true;
    }, ct);

    public Task<IActionResult> OnPostSendAsync(string? network, string month, CancellationToken ct) =>
        ActAsync(network, month, "envoi", (issue, c) => newsletters.ScheduleAsync(issue, null, c), ct);

    public Task<IActionResult> OnPostScheduleAsync(string? network, string month, CancellationToken ct) => ActAsync(network, month, "programme", async (issue, c) =>
    {
        if (!DateOnly.TryParseExact(ScheduleDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || !TimeOnly.TryParseExact(ScheduleTime, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            || EventTimes.FromParis(d.ToDateTime(t)) is not { } at)
        {
            Problem = "Indiquez le jour et l'heure de l'envoi.";
            return false;
        }
        return await newsletters.ScheduleAsync(issue, at, c);
    }, ct);

    async Task<IActionResult> ActAsync(string? network, string month, string done, Func<NewsletterIssue, CancellationToken, Task<bool>> act, CancellationToken ct)
    {
        if (await RefuseAsync(network, ct) is { } refused) return refused;
        if (!await LoadAsync(month, ct)) return NotFound();
        if (Issue.Status is IssueStatus.Sending or IssueStatus.Sent)
        {
            Problem = "Cette lettre est déjà partie.";
            return Page();
        }
        if (Subject.Trim() is not { Length: > 0 and <= 200 })
        {
            Problem = "Donnez un objet à la lettre (200 caractères au plus).";
            return Page();
        }
        var excluded = AllListings.Select(l => l.Id).Except(Included);
        await newsletters.SaveAsync(Issue, Subject, Editorial ?? "", excluded, ct);
        if (!await act(Issue, ct))
        {
            Problem ??= "Cette lettre ne peut plus être changée.";
            await LoadAsync(month, ct);
            return Page();
        }
        return Redirect($"{ComposePath}/{month}?fait={done}");
    }

    // As on the list of digests: 403 on the home network's page, 404 on another network's.
    async Task<IActionResult?> RefuseAsync(string? network, CancellationToken ct)
    {
        var answer = await facilitators.CheckAsync(User, network, ct);
        if (answer.Network is null) return NotFound();
        Network = answer.Network;
        return answer.Allowed ? null : Network.IsHome ? Forbid() : NotFound();
    }

    async Task<bool> LoadAsync(string month, CancellationToken ct)
    {
        if (!DigestComposer.TryParseMonth(month, out var first)) return false;
        Issue = await newsletters.DraftAsync(Network, first, ct);
        Digest = await newsletters.ComposeAsync(Issue, ct);
        AllListings = (await composer.ComposeAsync(Network, first, "", new HashSet<Guid>(), ct)).Groups.SelectMany(g => g.Items).ToList();
        if (Request.Method == "GET")
        {
            Subject = Issue.Subject;
            Editorial = Issue.Editorial;
            Included = Digest.Groups.SelectMany(g => g.Items).Select(i => i.Id).ToList();
        }
        if (Issue.Status is IssueStatus.Sending or IssueStatus.Sent) Progress = await newsletters.ProgressAsync(Issue, ct);
        return true;
    }
}
