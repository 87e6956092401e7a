using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ElBasar.Web.Features.Networks;

/// <summary>
/// <c>/reseaux/{slug}/categories</c>, for the network's facilitators and the admins: the categories
/// and sub-categories the network adds to the shared taxonomy, offered in its publishing form and
/// its search filters only. Anyone else gets 404.
/// </summary>
[Authorize]
public sealed class CategoriesModel(NetworkFacilitation facilitation, NetworkCategoryEditor editor, Taxonomy taxonomy, AuditLog audit)
    : PageModel
{
    public const string CategoryAdded = "network.category-added";
    public const string CategoryRemoved = "network.category-removed";

    public Network Network { get; private set; } = null!;
    public IReadOnlyList<NetworkCategoryRow> Mine { get; private set; } = [];
    public IReadOnlyList<Category> Shared => taxonomy.Categories;
    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty] public string? Label { get; set; }
    [BindProperty] public string? Parent { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var (added, refusal) = await editor.AddAsync(Network.Id, Label, Parent, ct);
        if (added is null)
        {
            Errors[!string.IsNullOrWhiteSpace(Parent) && taxonomy.FindCategory(Parent.Trim()) is null ? "parent" : "label"] = refusal!;
            return Page();
        }
        await audit.AddAsync(CategoryAdded, "network", Network.Id.ToString(), $"Catégorie « {added.Label} » ({added.Slug}) ajoutée au réseau « {Network.Name} ».",
            new { added.Slug, parent = added.ParentSlug }, ct);
        await editor.SaveAsync(ct);
        return Done(slug, $"La catégorie « {added.Label} » est ajoutée : son code est « {added.Slug} ».");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string slug, string category, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct)) return NotFound();
        var (removed, refusal) = await editor.RemoveAsync(Network.Id, category, ct);
        if (refusal is not null)
        {
            Errors["label"] = refusal;
            return Page();
        }
        if (removed is null) return NotFound();
        await audit.AddAsync(CategoryRemoved, "network", Network.Id.ToString(), $"Catégorie « {removed.Label} » ({removed.Slug}) retirée du réseau « {Network.Name} ».", null, ct);
        await editor.SaveAsync(ct);
        return Done(slug, $"La catégorie « {removed.Label} » est retirée.");
    }

    IActionResult Done(string slug, string message)
    {
        TempData["Done"] = message;
        return Redirect($"/reseaux/{slug}/categories");
    }

    async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await facilitation.RunAsync(User, slug, ct) is not { } network) return false;
        Network = network;
        Mine = await editor.OfAsync(network.Id, ct);
        return true;
    }
}
