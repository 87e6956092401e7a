using System.Globalization;
using ElBasar.Bench.Generate;
using ElBasar.Web.Features.Search;

namespace ElBasar.Bench.Search;

/// <summary>One search of the mix: its class (a row of the report) and the query string as a person or the API would send it.</summary>
sealed record BenchQuery(string Class, ListingQueryParameters Parameters)
{
    /// <summary>The query string of <c>GET /api/v1/listings</c> for this search.</summary>
    public string QueryString()
    {
        var p = Parameters;
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("q", p.Q);
        Add("kind", p.Kind);
        foreach (var category in p.Category ?? []) Add("category", category);
        foreach (var mode in p.Mode ?? []) Add("mode", mode);
        Add("lat", p.Lat);
        Add("lon", p.Lon);
        Add("radiusKm", p.RadiusKm);
        return string.Join('&', parts);
    }

    public override string ToString() => QueryString();
}

/// <summary>
/// The fixed, seeded mix of searches the benchmark times, built from the generator's own words
/// (<see cref="Vocabulary"/>), so every query meets the term frequencies of the generated data:
/// common words, several words, typos, thesaurus synonyms, filters, a radius, filters without
/// text, and needs written as sentences. The same seed gives the same queries in the same order.
/// </summary>
static class QueryMix
{
    public static readonly IReadOnlyList<string> Classes =
        ["one-word", "two-words", "three-words", "typo", "synonym", "filter", "radius", "empty-text", "intent"];

    // How many of the head of each Zipf-ordered list queries draw from: the words people search
    // most are the ones most listings use, which is also where a full-text index works hardest.
    const int Head = 12;

    sealed record Entry(string Category, Noun Noun, bool IsService, string[] Modes);

    /// <summary><paramref name="perClass"/> distinct queries of each class, interleaved class by class.</summary>
    public static IReadOnlyList<BenchQuery> Build(int perClass, ulong seed)
    {
        var entries = Entries();
        var single = entries.Where(e => IsOneWord(e.Noun.Singular)).ToList();
        var compound = entries.Where(e => ContentWords(e.Noun.Singular) == 2).ToList();
        var things = single.Where(e => !e.IsService).ToList();
        var services = entries.Where(e => e.IsService).ToList();
        var synonyms = SynonymTerms(entries);

        var byClass = new Dictionary<string, List<BenchQuery>>();
        foreach (var (name, index) in Classes.Select((c, i) => (c, i)))
        {
            // One random stream a class: asking for more queries adds to the mix, it never changes the first ones.
            var rng = new Rng(seed, 17, (ulong)index);
            var made = new List<BenchQuery>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var attempt = 0; made.Count < perClass && attempt < perClass * 50; attempt++)
            {
                var query = name switch
                {
                    "one-word" => Text(name, Surface(rng, Pick(rng, single).Noun)),
                    "two-words" => rng.Chance(0.5)
                        ? Text(name, Surface(rng, Pick(rng, compound).Noun))
                        : Text(name, WithAdjective(rng, Pick(rng, things))),
                    "three-words" => Text(name, WithAdjective(rng, Pick(rng, compound))),
                    "typo" => Text(name, Typo(rng, Pick(rng, single.Where(e => e.Noun.Singular.Length >= 7).ToList()).Noun.Singular)),
                    "synonym" => Text(name, rng.Pick(synonyms)),
                    "filter" => Filtered(rng, Pick(rng, single)),
                    "radius" => Radius(rng, Surface(rng, Pick(rng, single).Noun)),
                    "empty-text" => EmptyText(rng, Pick(rng, entries)),
                    "intent" => Intent(rng, Pick(rng, things), Pick(rng, services)),
                    _ => throw new InvalidOperationException(name),
                };
                if (seen.Add(query.QueryString())) made.Add(query);
            }
            byClass[name] = made;
        }

        // Round robin, so no class runs while the caches are warm from its own previous query only.
        var mix = new List<BenchQuery>();
        for (var i = 0; i < perClass; i++)
            foreach (var name in Classes)
                if (i < byClass[name].Count) mix.Add(byClass[name][i]);
        return mix;
    }

    static BenchQuery Text(string name, string q) => new(name, Parameters(q));

    static ListingQueryParameters Parameters(string q, string? kind = null, string[]? category = null, string[]? mode = null,
        double? lat = null, double? lon = null, double? radiusKm = null) =>
        new(q, kind, category, mode, null, Number(lat), Number(lon), Number(radiusKm), null, null);

    static string? Number(double? value) => value?.ToString("0.#####", CultureInfo.InvariantCulture);

    // The heads of the category lists, things and services, with the modes that fit them.
    static List<Entry> Entries()
    {
        var entries = new List<Entry>();
        foreach (var category in Vocabulary.Categories)
        {
            string[] thingModes = category.ThingKind switch
            {
                Subject.Premises => ["rental", "loan", "pooling"],
                Subject.Food => ["donation", "sale"],
                _ => ["loan", "donation", "sale", "rental"],
            };
            entries.AddRange(category.Things.Take(Head).Select(t => new Entry(category.Slug, Noun.Parse(t), false, thingModes)));
            entries.AddRange(category.Services.Take(Head / 2)
                .Select(s => new Entry(category.Slug, Noun.Parse(s), true, ["service", "skills", "help"])));
        }
        return entries;
    }

    // Favours the head of the list: the first entries are drawn most, as in the generated text.
    static Entry Pick(Rng rng, List<Entry> entries) => entries[Math.Min(entries.Count - 1, (int)(entries.Count * Math.Pow(rng.NextDouble(), 2)))];

    static bool IsOneWord(string text) => !text.Contains(' ') && !text.Contains('-') && !text.Contains('\'');

    static int ContentWords(string text) => SearchText.QueryWords(text).Count;

    static string Surface(Rng rng, Noun noun) => (noun.PluralOnly || rng.Chance(0.7) ? noun.Singular : noun.Plural).ToLowerInvariant();

    static string WithAdjective(Rng rng, Entry entry)
    {
        var list = entry.IsService ? Vocabulary.ServiceAdjectives
            : entry.Category == "premises" ? Vocabulary.PremisesAdjectives
            : entry.Category == "food" ? Vocabulary.FoodAdjectives
            : Vocabulary.ThingAdjectives;
        var candidates = list.Where(a => !a.StartsWith('=')).Take(24).ToList();
        var adjective = Adjective.Parse(candidates[rng.Next(candidates.Count)]).Agree(entry.Noun.Feminine, entry.Noun.PluralOnly);
        return $"{entry.Noun.Singular.ToLowerInvariant()} {adjective}";
    }

    // One slip of the keyboard in a long word: a letter dropped, doubled, swapped with the next or replaced.
    static string Typo(Rng rng, string word)
    {
        word = word.ToLowerInvariant();
        var i = 1 + rng.Next(word.Length - 2);
        var typo = rng.Next(4) switch
        {
            0 => word.Remove(i, 1),
            1 => word.Insert(i, word[i].ToString()),
            2 => string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1, 1), word.AsSpan(i, 1), word.AsSpan(i + 2)),
            _ => string.Concat(word.AsSpan(0, i), "aeiourstln"[rng.Next(10)].ToString(), word.AsSpan(i + 1)),
        };
        return typo == word ? word.Remove(i, 1) : typo;
    }

    // Thesaurus terms whose group also holds a word of the generated text: a term the text never
    // uses ("frigo" for "réfrigérateur") when there is one, so the match comes through the synonym.
    static List<string> SynonymTerms(List<Entry> entries)
    {
        var generated = Vocabulary.Categories.SelectMany(c => c.Things.Concat(c.Services))
            .Select(n => string.Join(' ', SearchAnalyzer.AnalyzeDocument(Noun.Parse(n).Singular)))
            .ToHashSet(StringComparer.Ordinal);
        var heads = entries.Select(e => SearchAnalyzer.AnalyzeDocument(e.Noun.Singular)).ToHashSet(StringComparer.Ordinal);
        var terms = new List<string>();
        foreach (var group in Thesaurus.ReadSeedFile())
        {
            var analysed = group.Select(t => (Term: t, Stems: SearchAnalyzer.AnalyzeDocument(t))).ToList();
            if (!analysed.Any(t => heads.Contains(t.Stems))) continue;
            terms.Add(analysed.Where(t => t.Stems.Length > 0 && !generated.Contains(t.Stems)).Select(t => t.Term).FirstOrDefault()
                ?? analysed.Where(t => !heads.Contains(t.Stems)).Select(t => t.Term).FirstOrDefault()
                ?? analysed[^1].Term);
        }
        if (terms.Count == 0) throw new InvalidOperationException("No thesaurus group shares a word with the generator's vocabulary.");
        return terms;
    }

    static BenchQuery Filtered(Rng rng, Entry entry)
    {
        var q = Surface(rng, entry.Noun);
        return rng.Next(3) switch
        {
            0 => new("filter", Parameters(q, kind: rng.Chance(0.7) ? "offer" : "demand")),
            1 => new("filter", Parameters(q, category: [entry.Category])),
            _ => new("filter", Parameters(q, mode: [entry.Modes[rng.Next(entry.Modes.Length)]], kind: rng.Chance(0.5) ? "offer" : null)),
        };
    }

    static BenchQuery Radius(Rng rng, string q)
    {
        var commune = Communes.All[Math.Min(Communes.All.Count - 1, (int)(Communes.All.Count * Math.Pow(rng.NextDouble(), 2)))];
        return new("radius", Parameters(q, lat: commune.Latitude, lon: commune.Longitude, radiusKm: 20));
    }

    static BenchQuery EmptyText(Rng rng, Entry entry)
    {
        var commune = Communes.All[rng.Next(Communes.All.Count)];
        return rng.Next(4) switch
        {
            0 => new("empty-text", Parameters("", kind: rng.Chance(0.5) ? "offer" : "demand", category: [entry.Category])),
            1 => new("empty-text", Parameters("", mode: [entry.Modes[rng.Next(entry.Modes.Length)]])),
            2 => new("empty-text", Parameters("", category: [entry.Category], lat: commune.Latitude, lon: commune.Longitude, radiusKm: 20)),
            _ => new("empty-text", Parameters("", kind: "demand", category: [entry.Category], mode: [entry.Modes[0]])),
        };
    }

    static BenchQuery Intent(Rng rng, Entry thing, Entry service)
    {
        var article = thing.Noun.Feminine ? "une" : "un";
        var thingText = thing.Noun.Singular.ToLowerInvariant();
        var serviceText = service.Noun.Singular.ToLowerInvariant();
        var q = rng.Next(4) switch
        {
            0 => $"On cherche quelqu'un pour {serviceText}",
            1 => $"Qui peut nous prêter {article} {thingText} ce week-end ?",
            2 => $"Besoin d'{article} {thingText} pour notre fête de quartier",
            _ => $"Nous proposons {serviceText} aux associations",
        };
        return new("intent", Parameters(q));
    }
}
