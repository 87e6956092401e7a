using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Moderation;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Messaging;

/// <summary>
/// One conversation: the thread and the reply form, archive, report, and for the receiving
/// organisation, block. Anyone but its two parties gets 404, so ids cannot be probed.
/// </summary>
[Authorize]
public sealed class ThreadModel(ElBasarDbContext db, Conversations conversations) : PageModel
{
    [BindProperty] public string? Message { get; set; }
    [BindProperty] public ConversationReportInput Report { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "fait")] public string? Done { get; set; }

    public Conversation Conversation { get; private set; } = null!;
    public ConversationSide Side { get; private set; }
    public (string Starter, string Receiver) Names { get; private set; }
    public IReadOnlyList<MessageLine> Messages { get; private set; } = [];
    public bool StarterBlocked { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string OtherSide => Side == ConversationSide.Starter ? Names.Receiver : Names.Starter;
    public bool Archived => Side == ConversationSide.Starter ? Conversation.StarterArchived : Conversation.ReceiverArchived;

    public string? DoneMessage => Done switch
    {
        "archive" => "La conversation est archivée. Elle revient dans vos messages dès qu'un nouveau message arrive.",
        "desarchive" => "La conversation est de retour dans vos messages.",
        "bloque" => "C'est fait : cette personne ne peut plus écrire à votre structure.",
        "debloque" => "C'est fait : cette personne peut de nouveau écrire à votre structure.",
        "signale" => "Merci : votre signalement a été transmis à l'équipe d'animation du réseau, qui va l'examiner.",
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } party) return NotFound();
        await conversations.MarkReadAsync(id, Me, ct);
        await db.SaveChangesAsync(ct);
        await LoadAsync(party, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } party) return NotFound();
        if (Conversations.Check(Message) is { } problem) ModelState.AddModelError(nameof(Message), problem);
        else
        {
            var (sent, refusal) = await conversations.ReplyAsync(party, Me, Message!, MessagingModule.BaseUrl(HttpContext), ct);
            if (sent is not null) return Redirect($"/messages/{id}#m-{sent.Id}");
            ModelState.AddModelError(nameof(Message), Conversations.Explain(refusal));
        }
        return await ShowProblemsAsync(party, ct);
    }

    public Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "archive", party => conversations.ArchiveAsync(party, true, ct), ct);

    public Task<IActionResult> OnPostUnarchiveAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "desarchive", party => conversations.ArchiveAsync(party, false, ct), ct);

    public Task<IActionResult> OnPostBlockAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "bloque", party => conversations.BlockAsync(party, Me, true, ct), ct, receiverOnly: true);

    public Task<IActionResult> OnPostUnblockAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, "debloque", party => conversations.BlockAsync(party, Me, false, ct), ct, receiverOnly: true);

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } party) return NotFound();
        if (!Slug.TryParse<ReportReason>(Report.Reason, out var reason))
            ModelState.AddModelError($"{nameof(Report)}.{nameof(ConversationReportInput.Reason)}", "Choisissez le motif du signalement.");
        else if (reason == ReportReason.Other && string.IsNullOrWhiteSpace(Report.Details))
            ModelState.AddModelError($"{nameof(Report)}.{nameof(ConversationReportInput.Details)}", "Précisez le problème en quelques mots.");
        if (!ModelState.IsValid) return await ShowProblemsAsync(party, ct);
        await conversations.ReportAsync(party, Me, reason, Report.Details, ct);
        return Redirect($"/messages/{id}?fait=signale");
    }

    Guid Me => OrganizationAccess.UserIdOf(User)!.Value;

    async Task<IActionResult> ChangeAsync(Guid id, string done, Func<ConversationAccess, Task> change, CancellationToken ct, bool receiverOnly = false)
    {
        if (await FindAsync(id, ct) is not { } party) return NotFound();
        if (receiverOnly && party.Side != ConversationSide.Receiver) return NotFound();
        await change(party);
        return Redirect($"/messages/{id}?fait={done}");
    }

    async Task<IActionResult> ShowProblemsAsync(ConversationAccess party, CancellationToken ct)
    {
        Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        await LoadAsync(party, ct);
        return Page();
    }

    Task<ConversationAccess?> FindAsync(Guid id, CancellationToken ct) => conversations.FindForAsync(id, Me, ct);

    async Task LoadAsync(ConversationAccess party, CancellationToken ct)
    {
        Conversation = party.Conversation;
        Side = party.Side;
        Names = await conversations.NamesAsync(Conversation, ct);
        Messages = await ConversationView.MessagesAsync(db, Conversation, Me, Names, ct);
        StarterBlocked = await conversations.StarterBlockedAsync(Conversation, ct);
    }
}

public sealed class ConversationReportInput
{
    [Display(Name = "Motif")]
    public string? Reason { get; set; }

    [StringLength(ConversationReport.MaxDetailsLength, ErrorMessage = "Les précisions doivent faire au plus 2 000 caractères.")]
    [Display(Name = "Précisions (facultatif, sauf pour « Autre raison »)")]
    public string? Details { get; set; }
}
