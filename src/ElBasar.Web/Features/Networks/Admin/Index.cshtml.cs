using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Directory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Networks.Admin;

/// <summary><c>/admin/reseaux</c>: the installation's networks, and a new one.</summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class IndexModel(NetworkCatalog catalog) : PageModel
{
    public IReadOnlyList<Network> Networks { get; private set; } = [];
    public Dictionary<string, string> Errors { get; private set; } = [];

    [BindProperty] public NetworkFields Fields { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Networks = await catalog.AllAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (network, errors) = await catalog.CreateAsync(Fields, ct);
        if (network is null)
        {
            Errors = errors;
            Networks = await catalog.AllAsync(ct);
            return Page();
        }
        TempData["Done"] = $"Le réseau « {network.Name} » est créé : nommez maintenant les personnes qui l'animent.";
        return Redirect($"/admin/reseaux/{network.Id}");
    }
}
