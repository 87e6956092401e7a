using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Listings.Photos;

/// <summary>A listing's photos, for its organisation's owners and editors: add, describe, order, remove.</summary>
[Authorize]
// Room for five photos well over the limit, so that each gets its French refusal (PhotoSanitizer reads
// no further than 5 Mo + 1) instead of the request failing as a whole: Kestrel's own default (about
// 28.6 MiB) would refuse five 6 Mo files. The multipart limit is per part, so per file here.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ManageModel(ElBasarDbContext db, OrganizationAccess access, ListingPhotos photos) : PageModel
{
    public const long MaxRequestBytes = ListingPhotos.MaxPerListing * 10L * 1024 * 1024;

    public const string NoFileMessage = "Choisissez au moins une photo à envoyer.";

    public string ListingTitle { get; private set; } = "";
    public IReadOnlyList<PhotoInfo> Photos { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>What the last change did, for the status line (kept across its redirect).</summary>
    public string? Done { get; private set; }

    /// <summary>A description that was refused, kept as typed beside its photo.</summary>
    public (Guid PhotoId, string Text)? RefusedDescription { get; private set; }

    public int Room => Math.Max(0, ListingPhotos.MaxPerListing - Photos.Count);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Done = TempData[nameof(Done)] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, List<IFormFile> files, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (files.Count == 0) return Refuse([NoFileMessage]);
        var refusals = new List<string>();
        var added = 0;
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var result = await photos.AddAsync(id, stream, ct: ct);
            if (result.Refusal is { } refusal) refusals.Add($"« {Path.GetFileName(file.FileName)} » : {refusal}");
            else added++;
        }
        var done = added == 0 ? null : added == 1 ? "La photo a été ajoutée." : $"{added} photos ont été ajoutées.";
        if (refusals.Count == 0) return Saved(id, done!);
        // The accepted photos are saved; the page says which files were not, and why.
        await LoadAsync(id, ct);
        Done = done;
        return Refuse(refusals);
    }

    public async Task<IActionResult> OnPostDescribeAsync(Guid id, Guid photoId, string? description, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (ListingPhotos.CheckDescription(description) is { } problem)
        {
            RefusedDescription = (photoId, description ?? "");
            return Refuse([problem]);
        }
        if (!await photos.DescribeAsync(id, photoId, description, ct)) return NotFound();
        return Saved(id, "La description a été enregistrée.");
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid photoId, string? direction, CancellationToken ct)
    {
        if (direction is not ("up" or "down")) return BadRequest();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!await photos.MoveAsync(id, photoId, towardsFirst: direction == "up", ct)) return NotFound();
        return Saved(id, "L'ordre des photos a été changé.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!await photos.RemoveAsync(id, photoId, ct)) return NotFound();
        return Saved(id, "La photo a été retirée.");
    }

    // Post, redirect, get: the status line survives the redirect in TempData.
    RedirectResult Saved(Guid id, string done)
    {
        TempData[nameof(Done)] = done;
        return Redirect($"/annonces/{id}/photos");
    }

    PageResult Refuse(IReadOnlyList<string> problems)
    {
        Problems = problems;
        return Page();
    }

    // Not found and not allowed look alike from outside, so ids cannot be probed.
    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (OrganizationAccess.UserIdOf(User) is not { } userId) return false;
        var listing = await db.Listings.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { l.Title, l.OrganizationId }).FirstOrDefaultAsync(ct);
        if (listing is null || !await access.CanEditAsync(userId, listing.OrganizationId, ct)) return false;
        ListingTitle = listing.Title;
        Photos = await photos.ListAsync(id, ct);
        return true;
    }
}
