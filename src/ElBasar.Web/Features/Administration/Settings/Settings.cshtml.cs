using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings.Photos;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Settings;

/// <summary>The admins' settings: the site's and the network's names, the two colours, the logo; links to the other settings.</summary>
[Authorize(Roles = SiteRoles.Admin)]
[RequestSizeLimit(PhotoSanitizer.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = PhotoSanitizer.MaxRequestBytes)]
public sealed class SettingsModel(ElBasarDbContext db, SiteSettingsCache cache, AuditLog audit, TimeProvider clock) : PageModel
{
    public const int MaxNetworkNameLength = 200;

    [BindProperty] public string? SiteName { get; set; }
    [BindProperty] public string? NetworkName { get; set; }
    [BindProperty] public string? PrimaryColour { get; set; }
    [BindProperty] public string? AccentColour { get; set; }

    public Dictionary<string, string> Errors { get; } = [];
    public Guid? LogoId { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var identity = (await FindAsync(ct))?.ToIdentity() ?? SiteIdentity.Default;
        (SiteName, PrimaryColour, AccentColour, LogoId) = (identity.Name, identity.PrimaryColour, identity.AccentColour, identity.LogoId);
        NetworkName = await HomeNetwork.NameAsync(db, ct);
        Done = TempData[nameof(Done)] as string;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var row = await FindAsync(ct);
        LogoId = row?.LogoId;
        var siteName = Text(SiteName, "site-name", "Donnez le nom du site, affiché en haut de chaque page.", SiteSettings.MaxNameLength);
        var networkName = Text(NetworkName, "network-name", "Donnez le nom du réseau, imprimé sur les reçus.", MaxNetworkNameLength);
        var primary = Colour(PrimaryColour, "primary-colour", "La couleur principale", "le bandeau du haut (texte blanc) et les liens");
        var accent = Colour(AccentColour, "accent-colour", "La couleur d'accent", "les mises en avant sur fond blanc");
        if (Errors.Count > 0) return Page();

        var before = row?.ToIdentity() ?? SiteIdentity.Default;
        var beforeNetwork = await HomeNetwork.NameAsync(db, ct);
        if (row is null) db.Set<SiteSettings>().Add(row = new SiteSettings());
        row.SiteName = siteName == SiteIdentity.DefaultName ? null : siteName;
        row.PrimaryColour = primary == SiteIdentity.DefaultPrimaryColour ? null : primary;
        row.AccentColour = accent == SiteIdentity.DefaultAccentColour ? null : accent;
        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (networkName != beforeNetwork) await HomeNetwork.RenameAsync(db, networkName!, ct);

        var changes = new List<Change>();
        void Compare(string label, string old, string now)
        {
            if (old != now) changes.Add(new Change(label, old, now));
        }
        Compare("nom du site", before.Name, siteName!);
        Compare("nom du réseau", beforeNetwork, networkName!);
        Compare("couleur principale", before.PrimaryColour, primary!);
        Compare("couleur d'accent", before.AccentColour, accent!);
        if (changes.Count > 0)
        {
            var summary = "Réglages modifiés : " + string.Join(", ", changes.Select(c => $"{c.Setting} « {c.Before} » → « {c.After} »")) + ".";
            await audit.AddAsync(AuditActions.SettingsUpdated, AuditSubjects.Settings, null, summary, changes, ct);
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Saved(changes.Count > 0 ? "Les réglages sont enregistrés." : "Rien n'a changé.");
    }

    public async Task<IActionResult> OnPostLogoAsync(IFormFile? file, CancellationToken ct)
    {
        await OnGetAsync(ct);
        var check = await PhotoSanitizer.SanitizeFormFileAsync(file, "Choisissez l'image du logo à envoyer.", ct);
        if (check.Photo is not { } clean)
        {
            Errors["logo"] = check.Refusal!;
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var logo = new SiteLogo { ContentType = clean.ContentType, Bytes = clean.Bytes, Width = clean.Width, Height = clean.Height, CreatedAt = now };
        db.Set<SiteLogo>().Add(logo);
        await SetLogoAsync(logo.Id, now, ct);
        await audit.AddAsync(AuditActions.LogoChanged, AuditSubjects.Settings, logo.Id.ToString(), "Nouveau logo du site.", null, ct);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Saved("Le logo est enregistré.");
    }

    public async Task<IActionResult> OnPostRemoveLogoAsync(CancellationToken ct)
    {
        await SetLogoAsync(null, clock.GetUtcNow().UtcDateTime, ct);
        await audit.AddAsync(AuditActions.LogoChanged, AuditSubjects.Settings, null, "Logo du site retiré.", null, ct);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Saved("Le logo est retiré.");
    }

    // The previous logo is deleted with the change: nothing else points at it.
    async Task SetLogoAsync(Guid? logoId, DateTime now, CancellationToken ct)
    {
        var row = await FindAsync(ct);
        if (row is null) db.Set<SiteSettings>().Add(row = new SiteSettings());
        if (row.LogoId is { } old) await db.Set<SiteLogo>().Where(l => l.Id == old).ExecuteDeleteAsync(ct);
        (row.LogoId, row.UpdatedAt) = (logoId, now);
    }

    Task<SiteSettings?> FindAsync(CancellationToken ct) =>
        db.Set<SiteSettings>().FirstOrDefaultAsync(s => s.Id == SiteSettings.RowId, ct);

    string? Text(string? typed, string field, string missing, int max)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0) Errors[field] = missing;
        else if (text.Length > max) Errors[field] = $"Le nom doit faire au plus {max} caractères.";
        else return text;
        return null;
    }

    string? Colour(string? typed, string field, string name, string usedFor)
    {
        if (Colours.Parse(typed) is not { } colour)
        {
            Errors[field] = $"{name} doit s'écrire # suivi de six chiffres hexadécimaux, par exemple #0b5d4b.";
            return null;
        }
        var ratio = Colours.ContrastWithWhite(colour);
        if (ratio < Colours.MinimumContrast)
        {
            Errors[field] = $"{name} {colour} n'est pas assez contrastée avec le blanc ({ratio.ToString("0.0", WebModule.French)}:1, il faut au moins 4,5:1) : "
                + $"{usedFor} seraient difficiles à lire. Choisissez une couleur plus foncée.";
            return null;
        }
        return colour;
    }

    sealed record Change(string Setting, string Before, string After);

    IActionResult Saved(string done)
    {
        TempData[nameof(Done)] = done;
        return Redirect("/admin/reglages");
    }
}
