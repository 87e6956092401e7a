using System.ComponentModel.DataAnnotations;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ElBasar.Web.Features.Moderation;

/// <summary>"Signaler": anyone signed in reports a listing or a profile the public can see.</summary>
[Authorize]
[EnableRateLimiting(ModerationModule.ReportLimit)]
public sealed class ReportModel(ElBasarDbContext db, HomeNetwork network, UserManager<Accounts.User> users, TimeProvider clock) : PageModel
{
    [BindProperty] public ReportInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "envoye")] public bool Sent { get; set; }

    public ModerationSubjectKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string PublicPath { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        Sent = false;
        if (!Slug.TryParse<ReportReason>(Input.Reason, out var reason))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ReportInput.Reason)}", "Choisissez le motif du signalement.");
        else if (reason == ReportReason.Other && string.IsNullOrWhiteSpace(Input.Details))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(ReportInput.Details)}", "Précisez le problème en quelques mots.");
        if (!ModelState.IsValid)
        {
            Problems = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
            return Page();
        }
        db.ModerationReports.Add(new ModerationReport
        {
            SubjectKind = Kind, SubjectId = id, Reason = reason,
            Details = string.IsNullOrWhiteSpace(Input.Details) ? null : Input.Details.Trim(),
            ReporterId = Guid.Parse(users.GetUserId(User)!),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Redirect($"{PublicPath}/signaler?envoye=true");
    }

    // Only what the public can see is reported; the rest answers 404 like its own page.
    async Task<bool> LoadAsync(string kind, Guid id, CancellationToken ct)
    {
        if (!ModerationSubject.TryParseSegment(kind, out var subjectKind)) return false;
        Kind = subjectKind;
        PublicPath = ModerationSubject.PublicPath(subjectKind, id);
        if (subjectKind == ModerationSubjectKind.Listing)
            Title = (await ListingDetails.FindAsync(db.Listings, id, ct))?.Title ?? "";
        else if (subjectKind == ModerationSubjectKind.Recommendation)
            Title = await Exchanges.RecommendationModeration.FindAsync(db, id, ct) is { Hidden: false } recommendation ? recommendation.Title : "";
        else
            Title = (await OrganizationDetails.FindAsync(db, await network.IdAsync(ct), id, withMembersOnlyContacts: false, ct))?.Name ?? "";
        return Title.Length > 0;
    }
}

public sealed class ReportInput
{
    [Display(Name = "Motif")]
    public string? Reason { get; set; }

    [StringLength(ModerationReport.MaxDetailsLength, ErrorMessage = "Les précisions doivent faire au plus 2 000 caractères.")]
    [Display(Name = "Précisions (facultatif, sauf pour « Autre raison »)")]
    public string? Details { get; set; }
}
