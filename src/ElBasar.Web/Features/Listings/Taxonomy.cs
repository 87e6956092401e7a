using System.Reflection;
using System.Text.Json;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Listings;

/// <summary>
/// Categories, exchange modes and legal forms of contracts/taxonomy.json (copied beside this
/// file and embedded). The slugs are a public contract; labels are French.
/// Kept in memory for validation and display, and written to the database so SQL can join on it.
/// </summary>
public sealed class Taxonomy
{
    public required IReadOnlyList<Category> Categories { get; init; }
    public required IReadOnlyList<ExchangeMode> ExchangeModes { get; init; }
    public required IReadOnlyList<LegalForm> LegalForms { get; init; }

    Dictionary<string, Category>? _categories;
    Dictionary<string, ExchangeMode>? _modes;
    Dictionary<string, LegalForm>? _legalForms;

    public Category? FindCategory(string? slug) => Find(ref _categories, Categories, c => c.Slug, slug);
    public ExchangeMode? FindMode(string? slug) => Find(ref _modes, ExchangeModes, m => m.Slug, slug);
    public LegalForm? FindLegalForm(string? slug) => Find(ref _legalForms, LegalForms, f => f.Slug, slug);

    public string CategoryLabel(string slug) => FindCategory(slug)?.Label ?? slug;
    public string ModeLabel(string slug) => FindMode(slug)?.Label ?? slug;
    public string LegalFormLabel(string? slug) => slug is null ? "" : FindLegalForm(slug)?.Label ?? slug;

    static T? Find<T>(ref Dictionary<string, T>? index, IReadOnlyList<T> items, Func<T, string> key, string? slug) where T : class
    {
        if (slug is null) return null;
        index ??= items.ToDictionary(key, StringComparer.Ordinal);
        return index.GetValueOrDefault(slug);
    }

    public static Taxonomy LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ElBasar.Web.Features.Listings.taxonomy.json")
            ?? throw new InvalidOperationException("taxonomy.json is not embedded.");
        var file = JsonSerializer.Deserialize<TaxonomyFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("taxonomy.json is empty.");
        return new Taxonomy
        {
            Categories = file.Categories.Select((c, i) => new Category { Slug = c.Slug, Label = c.Label, Position = i }).ToList(),
            ExchangeModes = file.ExchangeModes.Select((m, i) => new ExchangeMode { Slug = m.Slug, Label = m.Label, Market = m.Market, Position = i }).ToList(),
            LegalForms = file.LegalForms.Select((f, i) => new LegalForm { Slug = f.Slug, Label = f.Label, Position = i }).ToList(),
        };
    }

    /// <summary>Writes the taxonomy into its tables: new slugs added, labels updated, none removed.</summary>
    public async Task SeedAsync(ElBasarDbContext db, CancellationToken ct)
    {
        await Upsert(db.Categories, Categories, ct);
        await Upsert(db.ExchangeModes, ExchangeModes, ct);
        await Upsert(db.LegalForms, LegalForms, ct);
        await db.SaveChangesAsync(ct);
    }

    static async Task Upsert<T>(DbSet<T> set, IReadOnlyList<T> wanted, CancellationToken ct) where T : TaxonomyTerm
    {
        var existing = await set.ToDictionaryAsync(t => t.Slug, ct);
        foreach (var term in wanted)
        {
            if (existing.TryGetValue(term.Slug, out var row)) row.CopyFrom(term);
            else set.Add(term.Clone<T>());
        }
    }

    sealed record TaxonomyFile(List<TermFile> Categories, List<TermFile> ExchangeModes, List<TermFile> LegalForms);
    sealed record TermFile(string Slug, string Label, bool Market);
}

public abstract class TaxonomyTerm
{
    public required string Slug { get; init; }
    public required string Label { get; set; }
    public int Position { get; set; }

    internal virtual void CopyFrom(TaxonomyTerm other)
    {
        Label = other.Label;
        Position = other.Position;
    }

    internal T Clone<T>() where T : TaxonomyTerm => (T)MemberwiseClone();
}

public sealed class Category : TaxonomyTerm;

public sealed class LegalForm : TaxonomyTerm;

public sealed class ExchangeMode : TaxonomyTerm
{
    /// <summary>Market modes (sale, rental, service) carry a price; the others are counted in hours or goods.</summary>
    public bool Market { get; set; }

    internal override void CopyFrom(TaxonomyTerm other)
    {
        base.CopyFrom(other);
        Market = ((ExchangeMode)other).Market;
    }
}

sealed class TaxonomyConfiguration :
    IEntityTypeConfiguration<Category>, IEntityTypeConfiguration<ExchangeMode>, IEntityTypeConfiguration<LegalForm>
{
    public void Configure(EntityTypeBuilder<Category> e) => Term(e, "categories");
    public void Configure(EntityTypeBuilder<ExchangeMode> e) => Term(e, "exchange_modes");
    public void Configure(EntityTypeBuilder<LegalForm> e) => Term(e, "legal_forms");

    static void Term<T>(EntityTypeBuilder<T> e, string table) where T : TaxonomyTerm
    {
        e.ToTable(table);
        e.HasKey(t => t.Slug);
        e.Property(t => t.Slug).HasMaxLength(40);
        e.Property(t => t.Label).HasMaxLength(200);
    }
}
