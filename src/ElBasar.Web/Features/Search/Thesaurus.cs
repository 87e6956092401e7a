using System.Reflection;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The domain's synonyms (tonnelle ; barnum ; chapiteau), kept in the database so admins can
/// edit them, seeded from thesaurus.txt beside this file. Terms are matched as stem sequences,
/// so "vélos-cargos" meets the group of "vélo cargo".
/// </summary>
public sealed class Thesaurus
{
    readonly Dictionary<string, List<int>> _groupsByPhrase = new(StringComparer.Ordinal);
    readonly List<string[][]> _groups = [];
    readonly HashSet<string> _stems = new(StringComparer.Ordinal);
    readonly int _longest;

    public Thesaurus(IEnumerable<IEnumerable<string>> groups)
    {
        foreach (var group in groups)
        {
            var phrases = group.Select(t => SearchAnalyzer.AnalyzeDocument(t).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length > 0)
                .DistinctBy(p => string.Join(' ', p))
                .ToArray();
            if (phrases.Length < 2) continue;
            var id = _groups.Count;
            _groups.Add(phrases);
            foreach (var phrase in phrases)
            {
                var key = string.Join(' ', phrase);
                if (!_groupsByPhrase.TryGetValue(key, out var ids)) _groupsByPhrase[key] = ids = [];
                ids.Add(id);
                _stems.UnionWith(phrase);
                _longest = Math.Max(_longest, phrase.Length);
            }
        }
    }

    public int GroupCount => _groups.Count;

    /// <summary>True when the stem belongs to some term: such a word is never "corrected" away.</summary>
    public bool Knows(string stem) => _stems.Contains(stem);

    /// <summary>The length of the longest thesaurus phrase starting at <paramref name="start"/>, or 0.</summary>
    public int LongestPhraseAt(IReadOnlyList<string> stems, int start, int max)
    {
        for (var length = Math.Min(Math.Min(max, _longest), stems.Count - start); length >= 1; length--)
        {
            if (_groupsByPhrase.ContainsKey(string.Join(' ', stems.Skip(start).Take(length)))) return length;
        }
        return 0;
    }

    /// <summary>The other phrases of every group this phrase belongs to.</summary>
    public IEnumerable<string[]> SynonymsOf(string[] phrase)
    {
        var key = string.Join(' ', phrase);
        if (!_groupsByPhrase.TryGetValue(key, out var ids)) yield break;
        foreach (var other in ids.SelectMany(id => _groups[id]).DistinctBy(p => string.Join(' ', p)))
        {
            if (string.Join(' ', other) != key) yield return other;
        }
    }

    /// <summary>Reads thesaurus.txt: one group a line, terms separated by ";", "#" for comments.</summary>
    public static IReadOnlyList<string[]> ReadSeedFile()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ElBasar.Web.Features.Search.thesaurus.txt")
            ?? throw new InvalidOperationException("thesaurus.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var groups = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var terms = line.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (terms.Length >= 2) groups.Add(terms);
        }
        return groups;
    }
}

/// <summary>A synonym group as stored: its terms joined by " ; ".</summary>
public sealed class SynonymGroup
{
    public int Id { get; set; }
    public required string Terms { get; set; }
    public bool FromSeed { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The seed line a group came from, kept when an admin edits it so the seed does not add it back.</summary>
    public string? SeedTerms { get; set; }

    /// <summary>When an admin removed a seed group: the row stays so the seed does not add it back.</summary>
    public DateTime? RemovedAt { get; set; }

    public string[] TermList => Terms.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

sealed class SynonymGroupConfiguration : IEntityTypeConfiguration<SynonymGroup>
{
    public void Configure(EntityTypeBuilder<SynonymGroup> e)
    {
        e.ToTable("synonym_groups");
        e.HasKey(g => g.Id);
        e.Property(g => g.Id).ValueGeneratedOnAdd();
        e.Property(g => g.Terms).HasMaxLength(2000);
        e.HasIndex(g => g.Terms).IsUnique();
        e.Ignore(g => g.TermList);
    }
}

/// <summary>Adds the seed groups the database does not have yet; groups edited or removed by admins are left alone.</summary>
sealed class ThesaurusSeed(ElBasarDbContext db, ThesaurusCache cache, TimeProvider clock) : IStartupSeed
{
    public int Order => 30;

    public async Task RunAsync(CancellationToken ct)
    {
        var rows = await db.Set<SynonymGroup>().Select(g => new { g.Terms, g.SeedTerms }).ToListAsync(ct);
        var known = rows.SelectMany(r => new[] { r.Terms, r.SeedTerms }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var group in Thesaurus.ReadSeedFile())
        {
            var terms = string.Join(" ; ", group);
            if (known.Add(terms)) db.Set<SynonymGroup>().Add(new SynonymGroup { Terms = terms, SeedTerms = terms, FromSeed = true, UpdatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
    }
}

/// <summary>
/// The thesaurus in memory, read from the database again after each change on this node, and at
/// most <see cref="Lifetime"/> after the last read, so a change on another web node reaches this one.
/// </summary>
public sealed class ThesaurusCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    volatile Loaded? _current;
    readonly SemaphoreSlim _loading = new(1, 1);

    sealed record Loaded(Thesaurus Thesaurus, DateTimeOffset At);

    public void Invalidate() => _current = null;

    public async ValueTask<Thesaurus> GetAsync(CancellationToken ct)
    {
        if (Fresh() is { } current) return current;
        await _loading.WaitAsync(ct);
        try
        {
            if (Fresh() is { } loaded) return loaded;
            var at = clock.GetUtcNow();
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var groups = await db.Set<SynonymGroup>().AsNoTracking().Where(g => g.RemovedAt == null).Select(g => g.Terms).ToListAsync(ct);
            var thesaurus = new Thesaurus(groups.Select(t => t.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
            _current = new Loaded(thesaurus, at);
            return thesaurus;
        }
        finally
        {
            _loading.Release();
        }
    }

    Thesaurus? Fresh() => _current is { } current && clock.GetUtcNow() - current.At < Lifetime ? current.Thesaurus : null;
}
