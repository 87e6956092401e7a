using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory.Logo;

/// <summary>An organisation's logo, for its owners and editors: send one (it replaces the last) or remove it.</summary>
[Authorize]
[RequestSizeLimit(PhotoSanitizer.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PhotoSanitizer.MaxRequestBytes)]
public sealed class LogoModel(ElBasarDbContext db, OrganizationAccess access, TimeProvider clock) : PageModel
{
    public const string NoFileMessage = "Choisissez l'image du logo à envoyer.";

    public string OrganizationName { get; private set; } = "";
    public LogoInfo? Current { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Done = TempData[nameof(Done)] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var check = await PhotoSanitizer.SanitizeFormFileAsync(file, NoFileMessage, ct);
        if (check.Photo is not { } clean) return Refuse(check.Refusal!);
        await db.Set<OrganizationLogo>().Where(l => l.OrganizationId == id).ExecuteDeleteAsync(ct);
        db.Set<OrganizationLogo>().Add(new OrganizationLogo
        {
            OrganizationId = id, ContentType = clean.ContentType, Bytes = clean.Bytes,
            Width = clean.Width, Height = clean.Height, CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Saved(id, "Le logo a été enregistré.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await db.Set<OrganizationLogo>().Where(l => l.OrganizationId == id).ExecuteDeleteAsync(ct);
        return Saved(id, "Le logo a été retiré.");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId || !await access.CanEditAsync(userId, id, ct)) return false;
        OrganizationName = await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync(ct);
        Current = await OrganizationLogos.FindAsync(db, id, ct);
        return true;
    }

    IActionResult Refuse(string problem)
    {
        Problems = [problem];
        return Page();
    }

    IActionResult Saved(Guid id, string done)
    {
        TempData[nameof(Done)] = done;
        return RedirectToPage(new { id });
    }
}
