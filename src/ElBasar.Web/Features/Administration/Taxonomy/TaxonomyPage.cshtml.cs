using ElBasar.Web.Features.Accounts;
using ElBasar.Web.Features.Administration.Audit;
using ElBasar.Web.Features.Exchanges;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Administration.Taxonomy;

/// <summary>
/// The categories and exchange modes: add one, rename one, delete one the admins added once no
/// listing or exchange uses it. The contract's own slugs never change (see Listings/TaxonomyEntry.cs).
/// </summary>
[Authorize(Roles = SiteRoles.Admin)]
public sealed class TaxonomyPageModel(ElBasarDbContext db, Listings.Taxonomy taxonomy, TaxonomyEditor editor, AuditLog audit) : PageModel
{
    public sealed record Row(TaxonomyKind Kind, string Slug, string Label, bool BuiltIn, bool Market, int Listings, int Exchanges)
    {
        public string FieldId => $"label-{Kind.ToString().ToLowerInvariant()}-{Slug}";
    }

    public IReadOnlyList<Row> Categories { get; private set; } = [];
    public IReadOnlyList<Row> Modes { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>What was typed in a refused form, by field id, so nothing is lost.</summary>
    public Dictionary<string, string?> Typed { get; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Done = TempData[nameof(Done)] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(string? kind, string? label, bool market, CancellationToken ct)
    {
        if (Kind(kind) is not { } k) return BadRequest();
        var (added, refusal) = await editor.AddAsync(k, label, market, ct);
        if (added is null) return await RefuseAsync($"new-{kind}", refusal!, label, ct);
        await audit.AddAsync(AuditActions.TaxonomyAdded, Subject(k), added.Slug,
            $"{Name(k)} « {added.Label} » ajouté{(k == TaxonomyKind.Category ? "e" : "")} (clé {added.Slug}{(added.Market ? ", marchand" : "")}).", null, ct);
        await editor.SaveAsync(ct);
        return Saved($"« {added.Label} » est ajouté{(k == TaxonomyKind.Category ? "e" : "")}, avec la clé {added.Slug}.");
    }

    public async Task<IActionResult> OnPostRenameAsync(string? kind, string slug, string? label, CancellationToken ct)
    {
        if (Kind(kind) is not { } k) return BadRequest();
        var (before, refusal) = await editor.RenameAsync(k, slug, label, ct);
        if (before is null) return NotFound();
        var field = $"label-{kind}-{slug}";
        if (refusal is not null) return await RefuseAsync(field, refusal, label, ct);
        var after = label!.Trim();
        if (after == before) return Saved("Rien n'a changé.");
        await audit.AddAsync(AuditActions.TaxonomyRenamed, Subject(k), slug, $"{Name(k)} {slug} renommé{(k == TaxonomyKind.Category ? "e" : "")} : « {before} » → « {after} ».",
            new { before, after }, ct);
        await editor.SaveAsync(ct);
        return Saved($"« {before} » s'appelle désormais « {after} ».");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? kind, string slug, CancellationToken ct)
    {
        if (Kind(kind) is not { } k) return BadRequest();
        var label = k == TaxonomyKind.Category ? taxonomy.FindCategory(slug)?.Label : taxonomy.FindMode(slug)?.Label;
        if (label is null) return NotFound();
        var field = $"delete-{kind}-{slug}";
        if (taxonomy.IsBuiltIn(k, slug))
            return await RefuseAsync(field, $"« {label} » fait partie de la taxonomie commune (clé {slug}, utilisée par l'import et l'API) : on peut la renommer, pas la supprimer.", null, ct);
        var (listings, exchanges) = await UsageAsync(k, slug, ct);
        if (listings + exchanges > 0)
            return await RefuseAsync(field, $"« {label} » ne peut pas être supprimé{(k == TaxonomyKind.Category ? "e" : "")} : {Count(listings, "annonce", "annonces")} et {Count(exchanges, "échange", "échanges")} l'utilisent.", null, ct);
        if (!await editor.DeleteAsync(k, slug, ct)) return NotFound();
        await audit.AddAsync(AuditActions.TaxonomyDeleted, Subject(k), slug, $"{Name(k)} « {label} » supprimé{(k == TaxonomyKind.Category ? "e" : "")} (clé {slug}).", null, ct);
        await editor.SaveAsync(ct);
        return Saved($"« {label} » est supprimé{(k == TaxonomyKind.Category ? "e" : "")}.");
    }

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";

    static TaxonomyKind? Kind(string? kind) => kind switch
    {
        "category" => TaxonomyKind.Category,
        "mode" => TaxonomyKind.Mode,
        _ => null,
    };

    static string Subject(TaxonomyKind kind) => kind == TaxonomyKind.Category ? AuditSubjects.Category : AuditSubjects.Mode;

    static string Name(TaxonomyKind kind) => kind == TaxonomyKind.Category ? "Catégorie" : "Mode d'échange";

    async Task<(int Listings, int Exchanges)> UsageAsync(TaxonomyKind kind, string slug, CancellationToken ct) => kind == TaxonomyKind.Category
        ? (await db.Listings.CountAsync(l => l.Category == slug, ct), await db.Exchanges.CountAsync(e => e.Category == slug, ct))
        : (await db.ListingExchangeModes.CountAsync(m => m.Mode == slug, ct), await db.Exchanges.CountAsync(e => e.Mode == slug, ct));

    async Task<IActionResult> RefuseAsync(string field, string refusal, string? typed, CancellationToken ct)
    {
        Errors[field] = refusal;
        Typed[field] = typed;
        await LoadAsync(ct);
        return Page();
    }

    IActionResult Saved(string done)
    {
        TempData[nameof(Done)] = done;
        return Redirect("/admin/taxonomie");
    }

    async Task LoadAsync(CancellationToken ct)
    {
        var listingsByCategory = await db.Listings.GroupBy(l => l.Category).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var listingsByMode = await db.ListingExchangeModes.GroupBy(m => m.Mode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var exchangesByCategory = await db.Exchanges.GroupBy(e => e.Category).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var exchangesByMode = await db.Exchanges.GroupBy(e => e.Mode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Categories = taxonomy.Categories.Select(c => new Row(TaxonomyKind.Category, c.Slug, c.Label, taxonomy.IsBuiltIn(TaxonomyKind.Category, c.Slug), false,
            listingsByCategory.GetValueOrDefault(c.Slug), exchangesByCategory.GetValueOrDefault(c.Slug))).ToList();
        Modes = taxonomy.ExchangeModes.Select(m => new Row(TaxonomyKind.Mode, m.Slug, m.Label, taxonomy.IsBuiltIn(TaxonomyKind.Mode, m.Slug), m.Market,
            listingsByMode.GetValueOrDefault(m.Slug), exchangesByMode.GetValueOrDefault(m.Slug))).ToList();
    }
}
