using System.Globalization;
using System.Text;

namespace ElBasar.Bench.Generate;

/// <summary>
/// What a template is filled from: the listing's subject noun (and a second one for barters),
/// its commune, and the random source. Organisation templates have no subject.
/// </summary>
sealed class Scene(Rng rng, Lexicon lexicon)
{
    public Rng Rng { get; } = rng;
    public Lexicon Lexicon { get; } = lexicon;
    public Noun? Subject { get; set; }
    public Noun? Second { get; set; }
    public Subject Kind { get; set; }
    public CommuneRow? Commune { get; set; }

    public Noun RequireSubject => Subject ?? throw new InvalidOperationException("This template needs a subject noun.");
    public bool Plural => Subject?.PluralOnly ?? false;
    public bool Feminine => Subject?.Feminine ?? false;
}

/// <summary>
/// A sentence with slots, parsed once: "Nous prêtons {notre n} {à commune}, {cond}." Slot words
/// are read right to left: the last names what to draw (n = the subject noun, commune, event...),
/// a determiner before a noun (un, le, de, des, ce, votre, notre) agrees with it, and "à"/"de"
/// before any phrase contract with its article (au, aux, du, des, d').
/// </summary>
sealed class Template
{
    readonly object[] _parts;   // string literals and Func<Scene, string> slots

    Template(object[] parts) => _parts = parts;

    public static Template Parse(string text)
    {
        var parts = new List<object>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add(text[position..]);
                break;
            }
            if (open > position) parts.Add(text[position..open]);
            var close = text.IndexOf('}', open);
            if (close < 0) throw new FormatException($"Unclosed slot in '{text}'.");
            parts.Add(Slots.Compile(text[(open + 1)..close], text));
            position = close + 1;
        }
        return new Template(parts.ToArray());
    }

    public void Render(Scene scene, StringBuilder output)
    {
        foreach (var part in _parts)
        {
            if (part is string literal) output.Append(literal);
            else output.Append(((Func<Scene, string>)part)(scene));
        }
    }

    public string Render(Scene scene)
    {
        var sb = new StringBuilder(96);
        Render(scene, sb);
        return sb.ToString();
    }
}

static class Slots
{
    static readonly HashSet<string> Determiners = new(StringComparer.Ordinal) { "un", "le", "de", "des", "ce", "votre", "notre" };

    public static Func<Scene, string> Compile(string slot, string template)
    {
        if (slot.StartsWith("a:", StringComparison.Ordinal))
        {
            var adjective = Adjective.Parse(slot[2..]);
            return s => adjective.Agree(s.Feminine, s.Plural);
        }
        var words = slot.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) throw new FormatException($"Empty slot in '{template}'.");
        var name = words[^1];
        var prefixes = words[..^1];
        Func<Scene, string> core;
        var used = 0;
        if (name is "n" or "ns" or "n2")
        {
            var second = name == "n2";
            var plural = name == "ns";
            var determiner = prefixes.Length > 0 && Determiners.Contains(prefixes[^1]) ? prefixes[^1] : null;
            // "de n" alone is the bare "de/d'" (Besoin de tonnelle); "de un n" is "d'une tonnelle".
            if (determiner is not null) used = 1;
            core = s =>
            {
                var noun = second ? s.Second ?? s.RequireSubject : s.RequireSubject;
                return determiner is null ? (plural || noun.PluralOnly ? noun.Plural : noun.Singular) : French.Determine(determiner, noun, plural);
            };
        }
        else core = Phrase(name, template);

        var contractions = prefixes[..^used];
        foreach (var p in contractions)
            if (p is not ("à" or "de" or "en")) throw new FormatException($"Unknown slot word '{p}' in '{template}'.");
        if (contractions.Length == 0) return core;
        return s =>
        {
            var text = core(s);
            for (var i = contractions.Length - 1; i >= 0; i--) text = French.Contract(contractions[i], text);
            return text;
        };
    }

    static Func<Scene, string> Phrase(string name, string template) => name switch
    {
        "adj" => s => s.Lexicon.AdjectiveFor(s.Kind).Sample(s.Rng).Agree(s.Feminine, s.Plural),
        "adjs" => s => s.Lexicon.AdjectiveFor(s.Kind).Sample(s.Rng).Agree(s.Feminine, plural: true),
        "pron" => s => s.Plural ? "les" : s.Feminine ? "la" : "le",
        "il" => s => (s.Feminine ? "elle" : "il") + (s.Plural ? "s" : ""),
        "est" => s => s.Plural ? "sont" : "est",
        "ont" => s => s.Plural ? "ont" : "a",
        "v" => s => s.Lexicon.Verbs.Sample(s.Rng),
        "commune" => s => CommuneOf(s).Name,
        "where" => Where,
        "venue" => s => s.Lexicon.Venues.Sample(s.Rng),
        "event" => s => s.Lexicon.Events.Sample(s.Rng),
        "audience" => s => s.Lexicon.Audiences.Sample(s.Rng),
        "time" => s => s.Lexicon.Times.Sample(s.Rng),
        "cond" => s => s.Lexicon.Conditions.Sample(s.Rng),
        "theme" => s => s.Lexicon.Themes.Sample(s.Rng),
        "dur" => s => s.Lexicon.Durations.Sample(s.Rng),
        "acc" => s => s.Lexicon.Accessories.Sample(s.Rng),
        "mat" => s => s.Lexicon.Materials.Sample(s.Rng),
        "colour" => s => s.Lexicon.Colours.Sample(s.Rng).Agree(s.Feminine, s.Plural),
        "activity" => s => s.Lexicon.Activities.Sample(s.Rng),
        "first" => s => s.Lexicon.FirstNames.Sample(s.Rng),
        "day" => s => s.Rng.Pick(Vocabulary.Weekdays),
        "month" => s => s.Rng.Pick(Vocabulary.Months),
        "date" => s => s.Rng.Between(1, 28) is var d && d == 1 ? "1er" : d.ToString(CultureInfo.InvariantCulture),
        "num" => s => s.Rng.Between(2, 12).ToString(CultureInfo.InvariantCulture),
        "big" => s => (s.Rng.Between(2, 60) * 5).ToString(CultureInfo.InvariantCulture),
        "km" => s => s.Rng.Between(3, 40).ToString(CultureInfo.InvariantCulture),
        "year" => s => s.Rng.Between(1978, 2024).ToString(CultureInfo.InvariantCulture),
        "hour" => s => s.Rng.Between(8, 20) + (s.Rng.Chance(0.3) ? " h 30" : " h"),
        "phone" => Phone,
        _ => throw new FormatException($"Unknown slot '{name}' in '{template}'."),
    };

    static CommuneRow CommuneOf(Scene s) => s.Commune ??= Communes.Sample(s.Rng);

    // "à Lille" or "dans le quartier de Wazemmes, à Lille": the neighbourhood only where there is one.
    static string Where(Scene s)
    {
        var commune = CommuneOf(s);
        var at = French.Contract("à", commune.Name);
        if (commune.Quartiers.Count == 0 || !s.Rng.Chance(0.4)) return at;
        return $"dans le quartier {French.Contract("de", s.Rng.Pick(commune.Quartiers))}, {at}";
    }

    public static string Phone(Scene s) =>
        string.Create(CultureInfo.InvariantCulture, $"03 {s.Rng.Between(20, 44)} {s.Rng.Between(0, 99):00} {s.Rng.Between(0, 99):00} {s.Rng.Between(0, 99):00}");
}

/// <summary>The parsed vocabulary, with one Zipf draw per list; built once and shared by every thread.</summary>
sealed class Lexicon
{
    public ZipfList<Adjective> ThingAdjectives { get; } = Adjectives(Vocabulary.ThingAdjectives);
    public ZipfList<Adjective> PremisesAdjectives { get; } = Adjectives(Vocabulary.PremisesAdjectives);
    public ZipfList<Adjective> FoodAdjectives { get; } = Adjectives(Vocabulary.FoodAdjectives);
    public ZipfList<Adjective> ServiceAdjectives { get; } = Adjectives(Vocabulary.ServiceAdjectives);
    public ZipfList<Adjective> Colours { get; } = Adjectives(Vocabulary.Colours);
    public ZipfList<string> Verbs { get; } = new(Vocabulary.Verbs);
    public ZipfList<string> Venues { get; } = new(Vocabulary.Venues);
    public ZipfList<string> Events { get; } = new(Vocabulary.Events);
    public ZipfList<string> Audiences { get; } = new(Vocabulary.Audiences);
    public ZipfList<string> Times { get; } = new(Vocabulary.Times);
    public ZipfList<string> Conditions { get; } = new(Vocabulary.Conditions);
    public ZipfList<string> Themes { get; } = new(Vocabulary.Themes);
    public ZipfList<string> Durations { get; } = new(Vocabulary.Durations);
    public ZipfList<string> Accessories { get; } = new(Vocabulary.Accessories);
    public ZipfList<string> Materials { get; } = new(Vocabulary.Materials);
    public ZipfList<string> Activities { get; } = new(Vocabulary.Activities, 0.8);
    public ZipfList<string> FirstNames { get; } = new(Vocabulary.FirstNames, 0.6);
    public ZipfList<string> LastNames { get; } = new(Vocabulary.LastNames, 0.6);

    public ZipfList<Adjective> AdjectiveFor(Subject kind) => kind switch
    {
        Subject.Premises => PremisesAdjectives,
        Subject.Food => FoodAdjectives,
        Subject.Service or Subject.People => ServiceAdjectives,
        _ => ThingAdjectives,
    };

    static ZipfList<Adjective> Adjectives(string[] entries) => new(entries.Select(Adjective.Parse).ToArray());
}
