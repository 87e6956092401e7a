using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Federation;

/// <summary>
/// <c>/admin/reseau</c>: the keys given to partner installations (made, shown once, withdrawn) and
/// the partner installations this site follows (added, read again soon, removed).
/// </summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class NetworkAdminModel(PartnerKeys keys, Partners partners, AuditLog audit) : PageModel
{
    public const string KeyCreated = "partner-key.created";
    public const string KeyRevoked = "partner-key.revoked";
    public const string PartnerAdded = "partner.added";
    public const string PartnerRemoved = "partner.removed";
    const string Subject = "partner";

    public IReadOnlyList<PartnerKey> Keys { get; private set; } = [];
    public IReadOnlyList<Partners.Row> Installations { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>A key just made: shown on this answer only, never stored in clear.</summary>
    public string? NewKey { get; private set; }

    [BindProperty] public string? KeyName { get; set; }
    [BindProperty] public string? PartnerName { get; set; }
    [BindProperty] public string? PartnerUrl { get; set; }
    [BindProperty] public string? PartnerKey { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Done = TempData[nameof(Done)] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateKeyAsync(CancellationToken ct)
    {
        var name = KeyName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            Errors["key-name"] = "Donnez le nom du partenaire qui recevra la clé (200 caractères au plus).";
            await LoadAsync(ct);
            return Page();
        }
        NewKey = await keys.CreateAsync(name, ct);
        await audit.RecordAsync(KeyCreated, Subject, null, $"Clé de partenaire créée pour « {name} ».", null, ct);
        KeyName = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid id, CancellationToken ct)
    {
        if (await keys.RevokeAsync(id, ct) is not { } key) return NotFound();
        await audit.RecordAsync(KeyRevoked, Subject, id.ToString(), $"Clé de partenaire retirée : « {key.Name} ».", null, ct);
        return Saved($"La clé de « {key.Name} » est retirée : elle n'ouvre plus les annonces réservées aux partenaires.");
    }

    public async Task<IActionResult> OnPostAddPartnerAsync(CancellationToken ct)
    {
        Errors = await partners.CheckAsync(PartnerName, PartnerUrl, PartnerKey, ct);
        if (Errors.Count > 0)
        {
            await LoadAsync(ct);
            return Page();
        }
        var partner = await partners.AddAsync(PartnerName!, PartnerUrl!, PartnerKey, ct);
        await audit.RecordAsync(PartnerAdded, Subject, partner.Id.ToString(), $"Réseau partenaire suivi : « {partner.Name} » ({partner.BaseUrl}).", null, ct);
        return Saved($"Le réseau « {partner.Name} » est suivi : ses annonces arrivent dans les minutes qui viennent.");
    }

    public async Task<IActionResult> OnPostSyncPartnerAsync(Guid id, CancellationToken ct)
    {
        if (!await partners.SyncSoonAsync(id, ct)) return NotFound();
        return Saved("Le flux de ce réseau sera relu dans la minute.");
    }

    public async Task<IActionResult> OnPostRemovePartnerAsync(Guid id, CancellationToken ct)
    {
        if (await partners.RemoveAsync(id, ct) is not { } partner) return NotFound();
        await audit.RecordAsync(PartnerRemoved, Subject, id.ToString(), $"Réseau partenaire plus suivi : « {partner.Name} ».", null, ct);
        return Saved($"Le réseau « {partner.Name} » n'est plus suivi : ses annonces ont quitté le site.");
    }

    IActionResult Saved(string done)
    {
        TempData[nameof(Done)] = done;
        return Redirect("/admin/reseau");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        Keys = await keys.ListAsync(ct);
        Installations = await partners.ListAsync(ct);
    }
}
