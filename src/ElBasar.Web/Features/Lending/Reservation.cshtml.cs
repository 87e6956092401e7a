using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>A reservation as its parties see it, with what each may do next; others get "not found".</summary>
[Authorize]
[RequestSizeLimit(10L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 10L * 1024 * 1024)]
public sealed class ReservationModel(LoanDesk desk, ElBasarDbContext db) : PageModel
{
    public Reservation Reservation { get; private set; } = null!;
    public bool IsLender { get; private set; }
    public bool IsBorrower { get; private set; }
    public string Lender { get; private set; } = "";
    public DateOnly Today { get; private set; }
    public string? Problem { get; private set; }
    public IReadOnlyList<(Guid Id, string Stage)> Photos { get; private set; } = [];

    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Damage { get; set; }
    [BindProperty] public string? Deposit { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => ActAsync(id, desk.ApproveAsync(UserId, id, Text, ct), ct);
    public Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) => ActAsync(id, desk.DeclineAsync(UserId, id, Text, ct), ct);
    public Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => ActAsync(id, desk.CancelAsync(UserId, id, Text, ct), ct);
    public async Task<IActionResult> OnPostCheckoutAsync(Guid id, IFormFile? photo, CancellationToken ct)
    {
        var (clean, refusal) = await CleanAsync(photo, ct);
        return refusal is not null ? await RefuseAsync(id, refusal, ct) : await ActAsync(id, desk.CheckoutAsync(UserId, id, Text, ct, clean), ct);
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid id, IFormFile? photo, CancellationToken ct)
    {
        var (clean, refusal) = await CleanAsync(photo, ct);
        return refusal is not null ? await RefuseAsync(id, refusal, ct) : await ActAsync(id, desk.ReturnAsync(UserId, id, Text, Damage, Deposit, ct, clean), ct);
    }

    static async Task<(CleanPhoto?, string?)> CleanAsync(IFormFile? photo, CancellationToken ct)
    {
        if (photo is null || photo.Length == 0) return (null, null);
        await using var stream = photo.OpenReadStream();
        var check = await PhotoSanitizer.SanitizeAsync(stream, ct);
        return check.Photo is { } clean ? (clean, null) : (null, $"« {Path.GetFileName(photo.FileName)} » : {check.Refusal}");
    }

    async Task<IActionResult> RefuseAsync(Guid id, string problem, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Problem = problem;
        return Page();
    }

    async Task<IActionResult> ActAsync(Guid id, Task<LendingResult> action, CancellationToken ct)
    {
        var result = await action;
        if (result.Outcome == LendingOutcome.Done) return RedirectToPage("Reservation", new { id });
        if (result.Outcome is LendingOutcome.NotFound) return NotFound();
        if (!await LoadAsync(id, ct)) return NotFound();
        Problem = result.Problem ?? string.Join(" ", result.Errors.Values.SelectMany(v => v));
        if (result.Outcome == LendingOutcome.Forbidden) Problem = "Seule la structure qui prête peut faire cela.";
        return Page();
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await desk.FindForPartyAsync(UserId, id, ct) is not { } found) return false;
        (Reservation, IsLender, IsBorrower) = found;
        Lender = db.Organizations.Where(o => o.Id == Reservation.Item!.OrganizationId).Select(o => o.Name).Single();
        Today = desk.Today;
        var reservationId = Reservation.Id;
        Photos = (await db.ConditionPhotos.AsNoTracking().Where(p => p.ReservationId == reservationId).OrderBy(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Stage }).ToListAsync(ct)).Select(p => (p.Id, p.Stage)).ToList();
        return true;
    }

    Guid UserId => OrganizationAccess.UserIdOf(User)!.Value;
}
