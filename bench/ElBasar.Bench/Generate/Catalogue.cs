using ElBasar.Web.Features.Listings;

namespace ElBasar.Bench.Generate;

/// <summary>
/// The shape of the generated network: how often each category, kind and exchange mode occurs,
/// checked against the taxonomy the web app embeds, so a renamed slug fails here and not in an import.
/// </summary>
sealed class Catalogue
{
    public sealed record CategoryPlan(CategoryWords Words, ZipfList<Noun>? Things, ZipfList<Noun>? Services);

    // Share of listings per category: material and goods lead, as on mutual-aid boards.
    static readonly Dictionary<string, double> CategoryShares = new(StringComparer.Ordinal)
    {
        ["equipment"] = 14, ["goods"] = 12, ["food"] = 9, ["mobility"] = 8, ["culture"] = 8, ["premises"] = 7,
        ["communication"] = 7, ["digital"] = 7, ["training"] = 6, ["advice"] = 6, ["building"] = 6, ["people"] = 6,
        ["maintenance"] = 5, ["other"] = 3,
    };

    // Exchange modes that make sense for each subject, offers and demands apart. Things are lent,
    // given, sold or rented; services are done, offered as skills or as a helping hand.
    static readonly Dictionary<(Subject, bool Offer), (string Mode, double Weight)[]> ModeWeights = new()
    {
        [(Subject.Thing, true)] = [("loan", 25), ("donation", 20), ("sale", 17), ("rental", 15), ("pooling", 12), ("barter", 8)],
        [(Subject.Thing, false)] = [("loan", 35), ("donation", 25), ("rental", 15), ("sale", 10), ("pooling", 10), ("barter", 5)],
        [(Subject.Premises, true)] = [("rental", 50), ("loan", 25), ("pooling", 25)],
        [(Subject.Premises, false)] = [("rental", 50), ("loan", 30), ("pooling", 20)],
        [(Subject.Food, true)] = [("donation", 45), ("sale", 35), ("pooling", 12), ("barter", 8)],
        [(Subject.Food, false)] = [("donation", 45), ("sale", 30), ("pooling", 15), ("barter", 10)],
        [(Subject.Service, true)] = [("service", 45), ("skills", 20), ("help", 20), ("barter", 8), ("pooling", 7)],
        [(Subject.Service, false)] = [("service", 35), ("help", 30), ("skills", 25), ("barter", 5), ("pooling", 5)],
        [(Subject.People, true)] = [("help", 50), ("skills", 25), ("service", 15), ("pooling", 10)],
        [(Subject.People, false)] = [("help", 60), ("skills", 20), ("service", 10), ("pooling", 10)],
    };

    readonly Dictionary<(Subject, bool), (string[] Modes, WeightedTable Table)> _modes;
    readonly WeightedTable _categoryTable;
    readonly HashSet<string> _marketModes;

    public IReadOnlyList<CategoryPlan> Categories { get; }
    public IReadOnlyList<string> LegalForms { get; }

    public Catalogue(Taxonomy taxonomy)
    {
        var slugs = taxonomy.Categories.Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
        var words = Vocabulary.Categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        var missing = slugs.Except(words.Keys).Concat(words.Keys.Except(slugs)).Concat(slugs.Except(CategoryShares.Keys)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Generator categories and taxonomy.json differ: {string.Join(", ", missing.Distinct())}.");

        Categories = taxonomy.Categories.Select(c => words[c.Slug]).Select(w => new CategoryPlan(w,
            w.Things.Length == 0 ? null : new ZipfList<Noun>(w.Things.Select(Noun.Parse).ToArray(), 0.9),
            w.Services.Length == 0 ? null : new ZipfList<Noun>(w.Services.Select(Noun.Parse).ToArray(), 0.9))).ToList();
        _categoryTable = new WeightedTable(Categories.Select(c => CategoryShares[c.Words.Slug]));

        var modeSlugs = taxonomy.ExchangeModes.Select(m => m.Slug).ToHashSet(StringComparer.Ordinal);
        var unknownModes = ModeWeights.Values.SelectMany(v => v).Select(v => v.Mode).Where(m => !modeSlugs.Contains(m)).Distinct().ToList();
        if (unknownModes.Count > 0)
            throw new InvalidOperationException($"Exchange modes missing from taxonomy.json: {string.Join(", ", unknownModes)}.");
        _modes = ModeWeights.ToDictionary(p => p.Key, p => (p.Value.Select(v => v.Mode).ToArray(), new WeightedTable(p.Value.Select(v => v.Weight))));
        _marketModes = taxonomy.ExchangeModes.Where(m => m.Market).Select(m => m.Slug).ToHashSet(StringComparer.Ordinal);

        LegalForms = taxonomy.LegalForms.Select(f => f.Slug).ToList();
    }

    public CategoryPlan SampleCategory(Rng rng) => Categories[_categoryTable.Sample(rng)];

    public bool IsMarket(string mode) => _marketModes.Contains(mode);

    /// <summary>One mode most of the time, sometimes two or three compatible ones; the first drives the wording.</summary>
    public void SampleModes(Rng rng, Subject subject, bool offer, List<string> into)
    {
        into.Clear();
        var (modes, table) = _modes[(subject, offer)];
        into.Add(modes[table.Sample(rng)]);
        var extra = rng.NextDouble() switch { < 0.04 => 2, < 0.24 => 1, _ => 0 };
        for (var attempt = 0; into.Count < 1 + extra && attempt < 8; attempt++)
        {
            var mode = modes[table.Sample(rng)];
            if (!into.Contains(mode)) into.Add(mode);
        }
    }
}
