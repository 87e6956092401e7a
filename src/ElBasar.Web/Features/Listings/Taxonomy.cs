using System.Reflection;
using System.Text.Json;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Listings;

/// <summary>
/// Categories, exchange modes and legal forms of contracts/taxonomy.json (copied beside this
/// file and embedded). The slugs are a public contract; labels are French. Admins add categories
/// and modes and rename them (<see cref="TaxonomyEntry"/>, over the built-in terms, never removing
/// one): the overlay is read at start, after each change on this node, and by every node at most
/// <see cref="Lifetime"/> after its last read (<see cref="RefreshIfStaleAsync"/>).
/// Kept in memory for validation and display, and written to the database so SQL can join on it.
/// A network's own categories (<see cref="NetworkCategory"/>) are read the same way: they are offered
/// and accepted only in that network (<see cref="CategoriesFor"/>, <see cref="FindCategory(string?, Guid?)"/>),
/// but their labels are known everywhere (<see cref="CategoryLabel"/>), so a listing shown on a
/// partner's page still says what it is.
/// </summary>
public sealed class Taxonomy
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    readonly Terms _builtIn;
    volatile Terms _current;
    DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    readonly SemaphoreSlim _loading = new(1, 1);

    Taxonomy(Terms builtIn) => _builtIn = _current = builtIn;

    public IReadOnlyList<Category> Categories => _current.Categories;
    public IReadOnlyList<ExchangeMode> ExchangeModes => _current.ExchangeModes;
    public IReadOnlyList<LegalForm> LegalForms => _current.LegalForms;

    public Category? FindCategory(string? slug) => slug is null ? null : _current.CategoryIndex.GetValueOrDefault(slug);

    /// <summary>A shared category, or one of <paramref name="networkId"/>'s own; another network's is not found.</summary>
    public Category? FindCategory(string? slug, Guid? networkId) =>
        FindCategory(slug) ?? (slug is not null && _current.Additions.TryGetValue(slug, out var added) && added.NetworkId == networkId ? added.Term : null);

    /// <summary>The shared categories with <paramref name="networkId"/>'s own: sub-categories after their parent, its categories before "other".</summary>
    public IReadOnlyList<Category> CategoriesFor(Guid? networkId) =>
        networkId is { } id && _current.ByNetwork.GetValueOrDefault(id) is { } mine ? mine : _current.Categories;

    /// <summary>The network whose own category this is; null for a shared one or an unknown one.</summary>
    public Guid? NetworkOfCategory(string? slug) =>
        slug is not null && _current.Additions.TryGetValue(slug, out var added) ? added.NetworkId : null;

    public ExchangeMode? FindMode(string? slug) => slug is null ? null : _current.ModeIndex.GetValueOrDefault(slug);
    public LegalForm? FindLegalForm(string? slug) => slug is null ? null : _current.LegalFormIndex.GetValueOrDefault(slug);

    public string CategoryLabel(string slug) => FindCategory(slug)?.Label ?? (_current.Additions.TryGetValue(slug, out var added) ? added.Term.Label : slug);
    public string ModeLabel(string slug) => FindMode(slug)?.Label ?? slug;
    public string LegalFormLabel(string? slug) => slug is null ? "" : FindLegalForm(slug)?.Label ?? slug;

    /// <summary>True for the contract's own terms: their slugs stay, whatever admins do.</summary>
    public bool IsBuiltIn(TaxonomyKind kind, string slug) => kind == TaxonomyKind.Category
        ? _builtIn.CategoryIndex.ContainsKey(slug)
        : _builtIn.ModeIndex.ContainsKey(slug);

    /// <summary>The contract's label of a built-in term, whatever admins renamed it to.</summary>
    public string? BuiltInLabel(TaxonomyKind kind, string slug) => kind == TaxonomyKind.Category
        ? _builtIn.CategoryIndex.GetValueOrDefault(slug)?.Label
        : _builtIn.ModeIndex.GetValueOrDefault(slug)?.Label;

    public static Taxonomy LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ElBasar.Web.Features.Listings.taxonomy.json")
            ?? throw new InvalidOperationException("taxonomy.json is not embedded.");
        var file = JsonSerializer.Deserialize<TaxonomyFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("taxonomy.json is empty.");
        return new Taxonomy(new Terms(
            file.Categories.Select((c, i) => new Category { Slug = c.Slug, Label = c.Label, Position = i }).ToList(),
            file.ExchangeModes.Select((m, i) => new ExchangeMode { Slug = m.Slug, Label = m.Label, Market = m.Market, Position = i }).ToList(),
            file.LegalForms.Select((f, i) => new LegalForm { Slug = f.Slug, Label = f.Label, Position = i }).ToList(), []));
    }

    /// <summary>Reads the admins' overlay again and writes the result into the taxonomy tables: new slugs added, labels updated, none removed.</summary>
    public async Task SeedAsync(ElBasarDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        await ReloadAsync(db, now, ct);
        await Upsert(db.Categories, Categories, ct);
        await Upsert(db.ExchangeModes, ExchangeModes, ct);
        await Upsert(db.LegalForms, LegalForms, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// True when this node's copy is older than <see cref="Lifetime"/>: another node may have changed
    /// the overlay. Never before the start-up seed (which runs after the migrations) has read it once.
    /// </summary>
    public bool IsStale(DateTimeOffset now) => _loadedAt != DateTimeOffset.MinValue && now - _loadedAt >= Lifetime;

    /// <summary>Reads the overlay again when <see cref="IsStale"/>; one request at a time does it, the others go on with the copy they have.</summary>
    public async Task RefreshIfStaleAsync(ElBasarDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (!IsStale(now) || !await _loading.WaitAsync(0, ct)) return;
        try
        {
            if (!IsStale(now)) return;
            await ReloadAsync(db, now, ct);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Reads the admins' overlay and the networks' own categories again, on this node, at once (after a network's change).</summary>
    public async Task ReloadAsync(ElBasarDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        Apply(await db.Set<TaxonomyEntry>().AsNoTracking().ToListAsync(ct),
            await db.Set<NetworkCategory>().AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Slug).ToListAsync(ct));
        _loadedAt = now;
    }

    // Built-in terms keep their order with their new labels; additions come after them, before "other".
    void Apply(IReadOnlyList<TaxonomyEntry> entries, IReadOnlyList<NetworkCategory> networkCategories)
    {
        List<T> Merge<T>(IReadOnlyList<T> builtIn, TaxonomyKind kind, Func<TaxonomyEntry, int, T> added) where T : TaxonomyTerm
        {
            var mine = entries.Where(e => e.Kind == kind).ToDictionary(e => e.Slug, StringComparer.Ordinal);
            var terms = builtIn.Select(t =>
            {
                var copy = t.Clone<T>();
                if (mine.Remove(t.Slug, out var renamed)) copy.Label = renamed.Label;
                return copy;
            }).ToList();
            var other = terms.FindIndex(t => t.Slug == "other");
            var extra = mine.Values.OrderBy(e => e.CreatedAt).ThenBy(e => e.Slug, StringComparer.Ordinal)
                .Select((e, i) => added(e, builtIn.Count + i)).ToList();
            terms.InsertRange(other >= 0 ? other : terms.Count, extra);
            for (var i = 0; i < terms.Count; i++) terms[i].Position = i;
            return terms;
        }
        _current = new Terms(
            Merge(_builtIn.Categories, TaxonomyKind.Category, (e, i) => new Category { Slug = e.Slug, Label = e.Label, Position = i }),
            Merge(_builtIn.ExchangeModes, TaxonomyKind.Mode, (e, i) => new ExchangeMode { Slug = e.Slug, Label = e.Label, Market = e.Market, Position = i }),
            _builtIn.LegalForms, networkCategories);
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

    sealed class Terms
    {
        public Terms(IReadOnlyList<Category> categories, IReadOnlyList<ExchangeMode> modes, IReadOnlyList<LegalForm> legalForms,
            IReadOnlyList<NetworkCategory> networkCategories)
        {
            (Categories, ExchangeModes, LegalForms) = (categories, modes, legalForms);
            CategoryIndex = categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
            ModeIndex = modes.ToDictionary(m => m.Slug, StringComparer.Ordinal);
            LegalFormIndex = legalForms.ToDictionary(f => f.Slug, StringComparer.Ordinal);
            // A shared slug wins over a network's: the network's editor never lets them meet, this keeps the contract's meaning if they ever did.
            var kept = networkCategories.Where(c => !CategoryIndex.ContainsKey(c.Slug)).ToList();
            Additions = kept.ToDictionary(c => c.Slug, c => (c.NetworkId, new Category
            {
                Slug = c.Slug,
                Label = c.ParentSlug is { } parent && CategoryIndex.GetValueOrDefault(parent) is { } p ? $"{p.Label} › {c.Label}" : c.Label,
            }), StringComparer.Ordinal);
            ByNetwork = kept.GroupBy(c => c.NetworkId).ToDictionary(g => g.Key, g => Merged(g.ToList()));
        }

        public IReadOnlyList<Category> Categories { get; }
        public IReadOnlyList<ExchangeMode> ExchangeModes { get; }
        public IReadOnlyList<LegalForm> LegalForms { get; }
        public Dictionary<string, Category> CategoryIndex { get; }
        public Dictionary<string, ExchangeMode> ModeIndex { get; }
        public Dictionary<string, LegalForm> LegalFormIndex { get; }

        /// <summary>Every network's own categories by slug, with the label shown (a sub-category's under its parent's).</summary>
        public Dictionary<string, (Guid NetworkId, Category Term)> Additions { get; }

        /// <summary>For each network that has its own categories, the list its forms and filters offer.</summary>
        public Dictionary<Guid, IReadOnlyList<Category>> ByNetwork { get; }

        IReadOnlyList<Category> Merged(List<NetworkCategory> mine)
        {
            var list = new List<Category>();
            foreach (var shared in Categories)
            {
                list.Add(shared);
                list.AddRange(mine.Where(c => c.ParentSlug == shared.Slug).Select(c => Additions[c.Slug].Term));
            }
            var other = list.FindIndex(c => c.Slug == "other");
            list.InsertRange(other >= 0 ? other : list.Count,
                mine.Where(c => c.ParentSlug is null || !CategoryIndex.ContainsKey(c.ParentSlug)).Select(c => Additions[c.Slug].Term));
            return list;
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
