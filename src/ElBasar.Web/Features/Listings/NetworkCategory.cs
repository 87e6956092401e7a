using ElBasar.Web.Features.Directory;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Listings;

/// <summary>
/// A category a network adds to the shared taxonomy for itself (table <c>network_categories</c>,
/// migration 0046): a sub-category under a shared category ("Matériel de festival" under
/// "Matériel et équipement"), or a category of its own. Its slug is unique across networks and never
/// one of the shared taxonomy's, so a listing's category alone says whose it is.
/// </summary>
public sealed class NetworkCategory
{
    public required string Slug { get; init; }
    public Guid NetworkId { get; init; }
    public required string Label { get; init; }

    /// <summary>The shared category it sits under; null for a category of its own.</summary>
    public string? ParentSlug { get; init; }

    public DateTime CreatedAt { get; init; }
}

sealed class NetworkCategoryConfiguration : IEntityTypeConfiguration<NetworkCategory>
{
    public void Configure(EntityTypeBuilder<NetworkCategory> e)
    {
        e.ToTable("network_categories");
        e.HasKey(c => c.Slug);
        e.Property(c => c.Slug).HasMaxLength(TaxonomyEditor.MaxSlugLength);
        e.Property(c => c.Label).HasMaxLength(TaxonomyEditor.MaxLabelLength);
        e.Property(c => c.ParentSlug).HasMaxLength(TaxonomyEditor.MaxSlugLength);
        e.HasOne<Network>().WithMany().HasForeignKey(c => c.NetworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.NetworkId);
    }
}

/// <summary>
/// Adds and removes a network's own categories, for its facilitators and the admins (the page is in
/// Features/Networks). The shared taxonomy is never changed; a category in use by a listing stays.
/// </summary>
public sealed class NetworkCategoryEditor(ElBasarDbContext db, Taxonomy taxonomy, TimeProvider clock)
{
    /// <summary>The network's own categories, oldest first, with how many listings use each.</summary>
    public async Task<List<NetworkCategoryRow>> OfAsync(Guid networkId, CancellationToken ct)
    {
        var mine = await db.Set<NetworkCategory>().AsNoTracking().Where(c => c.NetworkId == networkId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Slug).ToListAsync(ct);
        var slugs = mine.Select(c => c.Slug).ToList();
        var used = await db.Listings.Where(l => slugs.Contains(l.Category)).GroupBy(l => l.Category)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return mine.Select(c => new NetworkCategoryRow(c.Slug, c.Label, c.ParentSlug is null ? null : taxonomy.FindCategory(c.ParentSlug)?.Label,
            used.GetValueOrDefault(c.Slug))).ToList();
    }

    /// <summary>The new category, or the French reason it was refused. <paramref name="parentSlug"/> blank: a category of its own.</summary>
    public async Task<(NetworkCategory? Added, string? Refusal)> AddAsync(Guid networkId, string? label, string? parentSlug, CancellationToken ct)
    {
        var text = label?.Trim() ?? "";
        if (text.Length == 0) return (null, "Donnez le nom de la catégorie.");
        if (text.Length > TaxonomyEditor.MaxLabelLength) return (null, $"Le nom doit faire au plus {TaxonomyEditor.MaxLabelLength} caractères ({text.Length} saisis).");
        var parent = string.IsNullOrWhiteSpace(parentSlug) ? null : parentSlug.Trim();
        if (parent is not null && taxonomy.FindCategory(parent) is null)
            return (null, "Choisissez, dans la liste, la catégorie commune sous laquelle ranger la nouvelle.");
        var slug = TaxonomyEditor.SlugOf(text);
        if (slug.Length == 0) return (null, "Le nom doit contenir au moins une lettre ou un chiffre.");
        if (taxonomy.Categories.Any(c => Same(c.Label, text)))
            return (null, $"La taxonomie commune a déjà une catégorie « {text} » : choisissez-la dans le formulaire des annonces.");
        var mine = await db.Set<NetworkCategory>().Where(c => c.NetworkId == networkId && c.ParentSlug == parent).Select(c => c.Label).ToListAsync(ct);
        if (mine.Any(l => Same(l, text))) return (null, $"Le réseau a déjà une catégorie « {text} » à cet endroit.");
        var unique = await UniqueSlugAsync(slug, ct);
        var added = new NetworkCategory { Slug = unique, NetworkId = networkId, Label = text, ParentSlug = parent, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Set<NetworkCategory>().Add(added);
        return (added, null);
    }

    /// <summary>Removes one of the network's categories; the French reason when a listing still uses it, null when done or unknown.</summary>
    public async Task<(NetworkCategory? Removed, string? Refusal)> RemoveAsync(Guid networkId, string slug, CancellationToken ct)
    {
        var category = await db.Set<NetworkCategory>().FirstOrDefaultAsync(c => c.NetworkId == networkId && c.Slug == slug, ct);
        if (category is null) return (null, null);
        var used = await db.Listings.CountAsync(l => l.Category == slug, ct);
        if (used > 0)
            return (null, $"« {category.Label} » est la catégorie de {used} annonce{(used > 1 ? "s" : "")} : elle reste tant qu'une annonce l'utilise.");
        db.Set<NetworkCategory>().Remove(category);
        return (category, null);
    }

    /// <summary>Saves the changes (and whatever else the unit of work holds), then this node's taxonomy follows at once; the others within <see cref="Taxonomy.Lifetime"/>.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await taxonomy.ReloadAsync(db, clock.GetUtcNow(), ct);
    }

    static bool Same(string a, string b) => string.Equals(a, b, StringComparison.CurrentCultureIgnoreCase);

    // Never a slug of the shared taxonomy (built in or added by the admins) nor of any network, whatever the label.
    async Task<string> UniqueSlugAsync(string slug, CancellationToken ct)
    {
        var taken = taxonomy.Categories.Select(c => c.Slug)
            .Concat(await db.Set<TaxonomyEntry>().Where(e => e.Kind == TaxonomyKind.Category).Select(e => e.Slug).ToListAsync(ct))
            .Concat(await db.Set<NetworkCategory>().Select(c => c.Slug).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var unique = slug;
        for (var n = 2; taken.Contains(unique); n++)
        {
            var suffix = $"-{n}";
            unique = slug[..Math.Min(slug.Length, TaxonomyEditor.MaxSlugLength - suffix.Length)] + suffix;
        }
        return unique;
    }
}

/// <summary>A network's own category as its page lists it.</summary>
public sealed record NetworkCategoryRow(string Slug, string Label, string? ParentLabel, int Listings);
