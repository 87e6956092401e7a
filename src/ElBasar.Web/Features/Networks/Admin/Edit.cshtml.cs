using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks.Admin;

/// <summary><c>/admin/reseaux/{id}</c>: a network's name, colours, logo, texts, host name and widest visibility, and its facilitators.</summary>
[Authorize(Roles = SiteRoles.Admin)]
[RequestSizeLimit(PhotoSanitizer.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PhotoSanitizer.MaxRequestBytes)]
public sealed class EditModel(ElBasarDbContext db, NetworkCatalog catalog, AuditLog audit, TimeProvider clock) : PageModel
{
    public const string LogoChanged = "network.logo-changed";
    public const string NoLogoMessage = "Choisissez l'image du logo à envoyer.";

    public Network Network { get; private set; } = null!;
    public NetworkLogoInfo? Logo { get; private set; }
    public IReadOnlyList<NetworkCatalog.FacilitatorRow> Facilitators { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];

    [BindProperty] public NetworkFields Fields { get; set; } = new();
    [BindProperty] public string? FacilitatorEmail { get; set; }
    [BindProperty] public string? LogoAltText { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Fields = NetworkFields.From(Network);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var errors = await catalog.UpdateAsync(id, Fields, ct);
        if (errors is { Count: > 0 })
        {
            Errors = errors;
            return Page();
        }
        return Done(id, "Le réseau est enregistré.");
    }

    public async Task<IActionResult> OnPostAddFacilitatorAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await catalog.AddFacilitatorAsync(id, FacilitatorEmail, ct) is { } problem)
        {
            Errors["facilitator-email"] = problem;
            Fields = NetworkFields.From(Network);
            return Page();
        }
        return Done(id, "La personne anime désormais le réseau.");
    }

    public async Task<IActionResult> OnPostRemoveFacilitatorAsync(Guid id, Guid userId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await catalog.RemoveFacilitatorAsync(id, userId, ct);
        return Done(id, "La personne n'anime plus le réseau.");
    }

    public async Task<IActionResult> OnPostUploadLogoAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var alt = string.IsNullOrWhiteSpace(LogoAltText) ? NetworkLogos.DefaultAltText(Network.Name) : LogoAltText.Trim();
        if (alt.Length > NetworkLogo.MaxAltTextLength)
            Errors["logo-alt"] = $"Le texte qui remplace le logo doit faire au plus {NetworkLogo.MaxAltTextLength} caractères ({alt.Length} saisis).";
        var check = await PhotoSanitizer.SanitizeFormFileAsync(file, NoLogoMessage, ct);
        if (check.Photo is null) Errors["logo"] = check.Refusal!;
        if (Errors.Count > 0)
        {
            Fields = NetworkFields.From(Network);
            return Page();
        }
        await NetworkLogos.ReplaceAsync(db, id, check.Photo!, alt, clock.GetUtcNow().UtcDateTime, ct);
        await audit.AddAsync(LogoChanged, "network", id.ToString(), $"Nouveau logo du réseau « {Network.Name} ».", null, ct);
        await db.SaveChangesAsync(ct);
        return Done(id, "Le logo du réseau est enregistré.");
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (await NetworkLogos.RemoveAsync(db, id, ct))
            await audit.RecordAsync(LogoChanged, "network", id.ToString(), $"Logo du réseau « {Network.Name} » retiré.", null, ct);
        return Done(id, "Le logo du réseau est retiré.");
    }

    IActionResult Done(Guid id, string message)
    {
        TempData["Done"] = message;
        return Redirect($"/admin/reseaux/{id}");
    }

    async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Networks.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) is not { } network) return false;
        Network = network;
        Logo = await NetworkLogos.FindAsync(db, id, ct);
        Facilitators = await catalog.FacilitatorsAsync(id, ct);
        return true;
    }
}
