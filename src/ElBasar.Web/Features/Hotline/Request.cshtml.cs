using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Messaging;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Hotline;

/// <summary>One request at the desk: assign it, search, suggest, put in touch, note the time, close it.</summary>
[Authorize(Policy = AccountPolicies.Staff)]
public sealed class RequestModel(ElBasarDbContext db, HotlineDesk desk, UserManager<User> users) : PageModel
{
    public const string BadMinutes = "Le temps passé se compte en minutes, de 0 à 1 440.";

    // Each form posts its own fields; a failed one comes back with what was typed.
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? References { get; set; }
    [BindProperty] public string? Organization { get; set; }
    [BindProperty] public Guid? AssigneeId { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true, Name = "fait")] public string? Done { get; set; }

    public HotlineRequest Item { get; private set; } = null!;
    public string? AssignedTo { get; private set; }
    public IReadOnlyList<HotlineEntry> Journal { get; private set; } = [];
    public IReadOnlyList<HotlineSuggestion> Suggestions { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Facilitators { get; private set; } = [];
    public int TotalMinutes { get; private set; }
    public string? Form { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? DoneMessage => Done switch
    {
        "attribuee" => "La demande est attribuée.",
        "note" => "C'est noté au journal.",
        "suggestions" => "Les suggestions sont envoyées par e-mail" + (Item.RequesterId is null ? "." : " et dans l'espace de la personne."),
        "relation" => "La conversation est ouverte : les deux parties sont prévenues par e-mail.",
        "cloturee" => "La demande est clôturée.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) => ActAsync(id, "assign", "attribuee", async (request, by, minutes) =>
    {
        var assignee = AssigneeId ?? by.Id;
        var name = await db.Set<User>().Where(u => u.Id == assignee).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        if (name is null || !(await Staff()).Any(f => f.Id == assignee)) return Fail("AssigneeId", "Choisissez une personne de l'équipe d'animation.");
        await desk.AssignAsync(request, assignee, name, by, ct);
        return true;
    }, ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) => ActAsync(id, "note", "note", async (request, by, minutes) =>
    {
        if (string.IsNullOrWhiteSpace(Text) && minutes == 0) return Fail(nameof(Text), "Écrivez une note ou indiquez le temps passé.");
        await desk.NoteAsync(request, Text, minutes, by, ct);
        return true;
    }, ct);

    public Task<IActionResult> OnPostSuggestAsync(Guid id, CancellationToken ct) => ActAsync(id, "suggest", "suggestions", async (request, by, minutes) =>
    {
        var (found, unknown) = await desk.ResolveAsync(References, ct);
        if (unknown.Count > 0) return Fail(nameof(References), $"Ni annonce publiée ni structure ne correspond à : {string.Join(", ", unknown)}.");
        if (found.Count == 0) return Fail(nameof(References), "Collez l'adresse ou l'identifiant d'au moins une annonce ou une structure.");
        await desk.SuggestAsync(request, found, Text, minutes, by, MessagingModule.BaseUrl(HttpContext), ct);
        return true;
    }, ct);

    public Task<IActionResult> OnPostIntroduceAsync(Guid id, CancellationToken ct) => ActAsync(id, "introduce", "relation", async (request, by, minutes) =>
    {
        if (request.RequesterId is null) return Fail(nameof(Organization), "La personne n'a pas de compte : envoyez-lui plutôt des suggestions par e-mail.");
        var (found, unknown) = await desk.ResolveAsync(Organization, ct);
        if (unknown.Count > 0 || found.Count != 1) return Fail(nameof(Organization), "Collez l'adresse ou l'identifiant d'une seule structure (ou d'une de ses annonces).");
        if (Conversations.Check(Text) is { } problem) return Fail(nameof(Text), problem == Conversations.EmptyMessage ? "Écrivez le message qui présente les deux parties." : problem);
        await desk.IntroduceAsync(request, found[0], Text!, minutes, by, MessagingModule.BaseUrl(HttpContext), ct);
        return true;
    }, ct);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) => ActAsync(id, "close", "cloturee", async (request, by, minutes) =>
    {
        if (!Slug.TryParse<HotlineStatus>(Outcome, out var outcome) || outcome == HotlineStatus.Open)
            return Fail(nameof(Outcome), "Choisissez l'issue de la demande : trouvé, pas trouvé ou abandonné.");
        await desk.CloseAsync(request, outcome, Text, minutes, by, ct);
        return true;
    }, ct);

    async Task<IActionResult> ActAsync(Guid id, string form, string done, Func<HotlineRequest, Facilitator, int, Task<bool>> act, CancellationToken ct)
    {
        if (await db.HotlineRequests.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } request) return NotFound();
        if (await users.GetUserAsync(User) is not { } me) return Challenge();
        var minutes = 0;
        if (!string.IsNullOrWhiteSpace(Minutes) && (!int.TryParse(Minutes.Trim(), out minutes) || minutes is < 0 or > HotlineEntry.MaxMinutes))
            Fail(nameof(Minutes), BadMinutes);
        if (request.Status != HotlineStatus.Open && form != "note") Fail(nameof(Text), "Cette demande est clôturée.");
        if (ModelState.IsValid && await act(request, new Facilitator(me.Id, me.DisplayName), minutes))
            return Redirect($"/animation/demandes/{id}?fait={done}");
        Form = form;
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        await LoadAsync(id, ct);
        return Page();
    }

    bool Fail(string field, string message)
    {
        ModelState.AddModelError(field, message);
        return false;
    }

    async Task<List<(Guid Id, string Name)>> Staff()
    {
        var staff = (await users.GetUsersInRoleAsync(SiteRoles.Facilitator)).Concat(await users.GetUsersInRoleAsync(SiteRoles.Admin));
        return staff.DistinctBy(u => u.Id).OrderBy(u => u.DisplayName, StringComparer.Create(Infrastructure.Web.WebModule.French, true))
            .Select(u => (u.Id, u.DisplayName)).ToList();
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.HotlineRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } request) return false;
        Item = request;
        AssignedTo = await db.Set<User>().Where(u => u.Id == request.AssignedToId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        Journal = await db.HotlineEntries.AsNoTracking().Where(e => e.RequestId == id).OrderBy(e => e.CreatedAt).ToListAsync(ct);
        Suggestions = await db.HotlineSuggestions.AsNoTracking().Where(s => s.RequestId == id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        TotalMinutes = Journal.Sum(e => e.Minutes);
        Facilitators = await Staff();
        return true;
    }
}
