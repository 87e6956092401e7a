using System.Globalization;
using System.Text;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Listings;

public enum TaxonomyKind { Category, Mode }

/// <summary>
/// An admin's change to the taxonomy (table <c>taxonomy_entries</c>, migration 0031): a new label
/// for a built-in slug, or a new category or mode with a slug made from its label.
/// </summary>
public sealed class TaxonomyEntry
{
    public TaxonomyKind Kind { get; init; }
    public required string Slug { get; init; }
    public required string Label { get; set; }

    /// <summary>For modes: a market mode carries a price (sale, rental, service).</summary>
    public bool Market { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

sealed class TaxonomyEntryConfiguration : IEntityTypeConfiguration<TaxonomyEntry>
{
    public void Configure(EntityTypeBuilder<TaxonomyEntry> e)
    {
        e.ToTable("taxonomy_entries");
        e.HasKey(t => new { t.Kind, t.Slug });
        e.Property(t => t.Kind).HasConversion(k => k == TaxonomyKind.Category ? "category" : "mode",
            s => s == "category" ? TaxonomyKind.Category : TaxonomyKind.Mode).HasMaxLength(20);
        e.Property(t => t.Slug).HasMaxLength(TaxonomyEditor.MaxSlugLength);
        e.Property(t => t.Label).HasMaxLength(200);
    }
}

/// <summary>
/// Adds, renames and deletes categories and modes for the admins. Built-in slugs are a contract
/// (contracts/taxonomy.json, the import format and the API): they may be renamed, never deleted;
/// an added term may be deleted, by the caller, once nothing uses it.
/// </summary>
public sealed class TaxonomyEditor(ElBasarDbContext db, Taxonomy taxonomy, TimeProvider clock)
{
    public const int MaxSlugLength = 40;
    public const int MaxLabelLength = 100;

    /// <summary>The new term with its slug, or the French reason it was refused.</summary>
    public async Task<(TaxonomyEntry? Added, string? Refusal)> AddAsync(TaxonomyKind kind, string? label, bool market, CancellationToken ct)
    {
        if (CheckLabel(kind, label, null) is { } refusal) return (null, refusal);
        var slug = SlugOf(label!);
        if (slug.Length == 0) return (null, "Le nom doit contenir au moins une lettre ou un chiffre.");
        var taken = (kind == TaxonomyKind.Category ? taxonomy.Categories.Select(c => c.Slug) : taxonomy.ExchangeModes.Select(m => m.Slug))
            .Concat(await db.Set<TaxonomyEntry>().Where(e => e.Kind == kind).Select(e => e.Slug).ToListAsync(ct))
            // A network's own categories keep their slugs too: a shared one never takes a listing of theirs.
            .Concat(kind == TaxonomyKind.Category ? await db.Set<NetworkCategory>().Select(c => c.Slug).ToListAsync(ct) : [])
            .ToHashSet(StringComparer.Ordinal);
        var unique = slug;
        for (var n = 2; taken.Contains(unique); n++)
        {
            var suffix = $"-{n}";
            unique = slug[..Math.Min(slug.Length, MaxSlugLength - suffix.Length)] + suffix;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new TaxonomyEntry { Kind = kind, Slug = unique, Label = label!.Trim(), Market = kind == TaxonomyKind.Mode && market, CreatedAt = now, UpdatedAt = now };
        db.Set<TaxonomyEntry>().Add(entry);
        return (entry, null);
    }

    /// <summary>The label before, or the French reason the new one was refused; null label before when the slug is unknown.</summary>
    public async Task<(string? Before, string? Refusal)> RenameAsync(TaxonomyKind kind, string slug, string? label, CancellationToken ct)
    {
        var before = kind == TaxonomyKind.Category ? taxonomy.FindCategory(slug)?.Label : taxonomy.FindMode(slug)?.Label;
        if (before is null) return (null, null);
        if (CheckLabel(kind, label, slug) is { } refusal) return (before, refusal);
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = await db.Set<TaxonomyEntry>().SingleOrDefaultAsync(e => e.Kind == kind && e.Slug == slug, ct);
        if (entry is null)
            db.Set<TaxonomyEntry>().Add(new TaxonomyEntry
            {
                Kind = kind, Slug = slug, Label = label!.Trim(), CreatedAt = now, UpdatedAt = now,
                Market = kind == TaxonomyKind.Mode && taxonomy.FindMode(slug)!.Market,
            });
        else (entry.Label, entry.UpdatedAt) = (label!.Trim(), now);
        return (before, null);
    }

    /// <summary>Deletes an added term (the caller checked nothing uses it); false for a built-in or unknown one.</summary>
    public async Task<bool> DeleteAsync(TaxonomyKind kind, string slug, CancellationToken ct)
    {
        if (taxonomy.IsBuiltIn(kind, slug)) return false;
        var entry = await db.Set<TaxonomyEntry>().SingleOrDefaultAsync(e => e.Kind == kind && e.Slug == slug, ct);
        if (entry is null) return false;
        db.Set<TaxonomyEntry>().Remove(entry);
        if (kind == TaxonomyKind.Category) await db.Categories.Where(c => c.Slug == slug).ExecuteDeleteAsync(ct);
        else await db.ExchangeModes.Where(m => m.Slug == slug).ExecuteDeleteAsync(ct);
        return true;
    }

    /// <summary>Saves the changes (and whatever else the unit of work holds), then this node's taxonomy and its tables follow.</summary>
    public async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await taxonomy.SeedAsync(db, clock.GetUtcNow(), ct);
    }

    string? CheckLabel(TaxonomyKind kind, string? label, string? slug)
    {
        var text = label?.Trim() ?? "";
        if (text.Length == 0) return "Donnez un nom.";
        if (text.Length > MaxLabelLength) return $"Le nom doit faire au plus {MaxLabelLength} caractères.";
        var same = kind == TaxonomyKind.Category
            ? taxonomy.Categories.Any(c => c.Slug != slug && string.Equals(c.Label, text, StringComparison.CurrentCultureIgnoreCase))
            : taxonomy.ExchangeModes.Any(m => m.Slug != slug && string.Equals(m.Label, text, StringComparison.CurrentCultureIgnoreCase));
        return same ? $"{(kind == TaxonomyKind.Category ? "Une catégorie" : "Un mode d'échange")} porte déjà ce nom." : null;
    }

    /// <summary>Lower-case ASCII letters, digits and hyphens, as the contract's slugs: "Vélos & cargos" gives "velos-cargos".</summary>
    public static string SlugOf(string label)
    {
        var sb = new StringBuilder();
        foreach (var c in label.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (c == 'œ') sb.Append("oe");
            else if (c == 'æ') sb.Append("ae");
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > MaxSlugLength ? slug[..MaxSlugLength].TrimEnd('-') : slug;
    }
}
