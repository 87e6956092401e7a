using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Lending;

/// <summary>
/// <c>/pret</c>, "Matériel à emprunter": a network's lending catalogue (<c>?reseau=slug</c>, else the current network),
/// exactly the items <c>GET /api/v1/items</c> gives this reader (<see cref="LendingApi.CatalogueAsync"/>), newest first,
/// narrowed by words, category and département in a plain GET form, a page at a time.
/// </summary>
public sealed class CatalogueModel(
    ElBasarDbContext db, Networks.CurrentNetwork current, Networks.NetworkAudiences audiences, Territories territories, Taxonomy taxonomy) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true, Name = "reseau")] public string? Slug { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Words { get; set; }
    [BindProperty(SupportsGet = true, Name = "categorie")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "departement")] public string? DepartementCode { get; set; }

    public Networks.NetworkRef Network { get; private set; } = null!;
    public IReadOnlyList<LendingApi.ItemDto> Items { get; private set; } = [];

    /// <summary>How many items match the filters, on every page.</summary>
    public int Total { get; private set; }

    /// <summary>The page shown (<c>?page=</c>), from 1; a page past the end shows the last.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The categories of the network's catalogue, by label, to choose from.</summary>
    public IReadOnlyList<(string Slug, string Label)> Categories { get; private set; } = [];

    /// <summary>The départements where the network's catalogue has items, by code.</summary>
    public IReadOnlyList<Departement> Departements { get; private set; } = [];

    public string? DepartementError { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Words) || !string.IsNullOrWhiteSpace(Category) || !string.IsNullOrWhiteSpace(DepartementCode);

    public string CategoryLabel(string slug) => taxonomy.CategoryLabel(slug);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        if (await current.NamedOrCurrentAsync(HttpContext, Slug, ct) is not { } network) return NotFound();
        Network = network;
        var catalogue = await LendingApi.CatalogueAsync(db, audiences, User, network.Id, ct);
        Categories = (await catalogue.Select(i => i.Listing!.Category).Distinct().ToListAsync(ct))
            .Select(slug => (Slug: slug, Label: taxonomy.CategoryLabel(slug))).OrderBy(c => c.Label, StringComparer.Create(Infrastructure.Web.WebModule.French, true))
            .ToList();
        Departements = (await catalogue.Where(i => i.Listing!.CommuneInsee != null).Select(i => i.Listing!.CommuneInsee!).Distinct().ToListAsync(ct))
            .Select(code => territories.FindCommune(code)?.DepartementCode).OfType<string>().Distinct()
            .Select(territories.FindDepartement).OfType<Departement>().OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

        var items = Filter(catalogue);
        Total = await items.CountAsync(ct);
        PageNumber = Math.Clamp(page ?? 1, 1, PageCount);
        // The page links each item by its id: no absolute address needed.
        Items = await LendingApi.Project(db, items.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize), "")
            .ToListAsync(ct);
        return Page();
    }

    /// <summary>This address with another page, the filters kept.</summary>
    public string PageUrl(int page) => Address(Slug, Words, Category, DepartementCode, page);

    /// <summary>The same network's catalogue, without filters.</summary>
    public string UnfilteredUrl => Address(Slug, null, null, null, 1);

    IQueryable<LendingItem> Filter(IQueryable<LendingItem> items)
    {
        if (Words?.Trim() is { Length: > 0 } words)
        {
            // A plain contains, case folded (SQLite's lower() folds ASCII letters only, so "É" stays "É" there): a network's
            // catalogue is small enough, and it finds parts of words.
            var lower = words.ToLowerInvariant();
            items = items.Where(i => i.Listing!.Title.ToLower().Contains(lower)
                                     || (i.Listing.Description != null && i.Listing.Description.ToLower().Contains(lower)));
        }
        if (Category?.Trim() is { Length: > 0 } category) items = items.Where(i => i.Listing!.Category == category);
        if (DepartementCode?.Trim() is { Length: > 0 } code)
        {
            if (territories.FindDepartement(code) is null)
                DepartementError = $"Le département « {(code.Length > 40 ? code[..40] + "…" : code)} » n'existe pas : il n'est pas pris en compte.";
            // An INSEE code begins with its département's (59350, 2A004, 97411).
            else items = items.Where(i => i.Listing!.CommuneInsee != null && i.Listing.CommuneInsee.StartsWith(code));
        }
        return items;
    }

    static string Address(string? slug, string? words, string? category, string? departement, int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
        Add("reseau", slug);
        Add("q", words);
        Add("categorie", category);
        Add("departement", departement);
        if (page > 1) query.Add($"page={page}");
        return query.Count == 0 ? "/pret" : "/pret?" + string.Join("&", query);
    }
}
