namespace ElBasar.Bench.Generate;

/// <summary>A noun with its gender and plural, so determiners and adjectives agree with it.</summary>
sealed class Noun
{
    public required string Singular { get; init; }
    public required string Plural { get; init; }
    public bool Feminine { get; init; }

    /// <summary>Used in the plural only ("légumes bio", "palettes").</summary>
    public bool PluralOnly { get; init; }

    /// <summary>"m:scie" / "f:scie sauteuse" / "mp:palettes" / "m:appareil photo/appareils photo".</summary>
    public static Noun Parse(string entry)
    {
        var colon = entry.IndexOf(':');
        if (colon < 0) throw new FormatException($"Noun without gender: '{entry}'.");
        var tag = entry[..colon];
        var text = entry[(colon + 1)..];
        var pluralOnly = tag.EndsWith('p');
        var slash = text.IndexOf('/');
        var (singular, plural) = slash >= 0 ? (text[..slash], text[(slash + 1)..]) : (text, French.PluralOfNounPhrase(text));
        return new Noun { Singular = singular, Plural = pluralOnly ? singular : plural, Feminine = tag[0] == 'f', PluralOnly = pluralOnly };
    }
}

/// <summary>An adjective or an invariable phrase ("en bon état"), agreeing in gender and number.</summary>
sealed class Adjective
{
    readonly string _masculine, _feminine, _masculinePlural, _femininePlural;

    Adjective(string masculine, string feminine, bool invariable)
    {
        _masculine = masculine;
        _feminine = feminine;
        _masculinePlural = invariable ? masculine : French.PluralOfAdjective(masculine, feminine: false);
        _femininePlural = invariable ? feminine : French.PluralOfAdjective(feminine, feminine: true);
    }

    /// <summary>"neuf/neuve", "robuste" (same for both genders), "=en bon état" (invariable).</summary>
    public static Adjective Parse(string entry)
    {
        if (entry.StartsWith('=')) return new Adjective(entry[1..], entry[1..], invariable: true);
        var slash = entry.IndexOf('/');
        return slash >= 0 ? new Adjective(entry[..slash], entry[(slash + 1)..], false) : new Adjective(entry, entry, false);
    }

    public string Agree(bool feminine, bool plural) => (feminine, plural) switch
    {
        (false, false) => _masculine,
        (true, false) => _feminine,
        (false, true) => _masculinePlural,
        (true, true) => _femininePlural,
    };
}

/// <summary>The bits of French grammar the composer needs: plurals, elision, contractions, determiners.</summary>
static class French
{
    // Words after which a noun phrase's complement starts ("machine à coudre", "salle de réunion"):
    // only what comes before takes the plural mark.
    static readonly HashSet<string> Linking = new(StringComparer.Ordinal)
        { "de", "du", "des", "à", "au", "aux", "en", "pour", "sans", "avec", "par", "sur", "entre", "contre", "vers" };

    static readonly HashSet<string> Invariable = new(StringComparer.Ordinal)
        { "audio", "vidéo", "bio", "photo", "wifi", "laser", "web", "debout", "express", "design", "vintage", "plus", "Pi" };

    static readonly HashSet<string> PluralInS = new(StringComparer.Ordinal)
        { "pneu", "bleu", "festival", "bal", "carnaval", "régal", "chacal", "récital" };

    // An h that forbids elision: "la housse", "le hangar".
    static readonly string[] AspiratedH = ["hangar", "hamac", "harnais", "housse", "hache", "haie", "halle", "hêtre", "haut", "hockey", "hall", "hérisson"];

    public static string PluralOfNounPhrase(string phrase)
    {
        var words = phrase.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (Linking.Contains(words[i]) || words[i].Contains('\'')) break;
            var dash = words[i].LastIndexOf('-');
            words[i] = dash > 0 ? words[i][..(dash + 1)] + PluralOfWord(words[i][(dash + 1)..]) : PluralOfWord(words[i]);
        }
        return string.Join(' ', words);
    }

    public static string PluralOfAdjective(string phrase, bool feminine)
    {
        var words = phrase.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (Linking.Contains(words[i]) || words[i].Contains('\'')) break;
            words[i] = feminine ? PluralOfWord(words[i], feminineAdjective: true) : PluralOfWord(words[i]);
        }
        return string.Join(' ', words);
    }

    static string PluralOfWord(string word, bool feminineAdjective = false)
    {
        if (word.Length == 0 || Invariable.Contains(word) || word.Any(char.IsDigit) || word.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            return word;
        if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z')) return word;
        if (feminineAdjective || PluralInS.Contains(word)) return word + "s";
        if (word.EndsWith("al", StringComparison.Ordinal)) return word[..^2] + "aux";
        if (word.EndsWith("eau", StringComparison.Ordinal) || word.EndsWith("eu", StringComparison.Ordinal)) return word + "x";
        return word + "s";
    }

    /// <summary>True when a preceding "le", "de", "que" loses its vowel: "l'atelier", "d'un", but "le hangar".</summary>
    public static bool Elides(string text)
    {
        if (text.Length == 0) return false;
        var c = char.ToLowerInvariant(text[0]);
        if ("aâàeéèêëiîïoôuûùyœæ".Contains(c)) return true;
        if (c != 'h') return false;
        foreach (var word in AspiratedH)
            if (text.StartsWith(word, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    /// <summary>"à" or "de" before a phrase that may begin with an article: au, aux, du, des, d'.</summary>
    public static string Contract(string preposition, string phrase) => preposition switch
    {
        "à" when StartsWithWord(phrase, "le") => "au " + phrase[3..],
        "à" when StartsWithWord(phrase, "les") => "aux " + phrase[4..],
        "de" when StartsWithWord(phrase, "le") => "du " + phrase[3..],
        "de" when StartsWithWord(phrase, "les") => "des " + phrase[4..],
        // "besoin de" + "des cartons" is "besoin de cartons".
        "de" when StartsWithWord(phrase, "des") => Contract("de", phrase[4..]),
        "de" when Elides(phrase) => "d'" + phrase,
        _ => preposition + " " + phrase,
    };

    static bool StartsWithWord(string phrase, string word) =>
        phrase.Length > word.Length && phrase[word.Length] == ' ' && phrase.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>A noun with a determiner: un, le, de (bare), des, ce, votre, notre.</summary>
    public static string Determine(string determiner, Noun noun, bool plural)
    {
        plural |= noun.PluralOnly || determiner == "des";
        var form = plural ? noun.Plural : noun.Singular;
        var vowel = Elides(form);
        var prefix = determiner switch
        {
            "un" => plural ? "des " : noun.Feminine ? "une " : "un ",
            "le" => plural ? "les " : vowel ? "l'" : noun.Feminine ? "la " : "le ",
            "de" => vowel ? "d'" : "de ",
            "des" => "des ",
            "ce" => plural ? "ces " : noun.Feminine ? "cette " : vowel ? "cet " : "ce ",
            "votre" => plural ? "vos " : "votre ",
            "notre" => plural ? "nos " : "notre ",
            _ => throw new FormatException($"Unknown determiner '{determiner}'."),
        };
        return prefix + form;
    }

    public static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;

    /// <summary>Cuts at a word boundary so a title never passes the contract's limit.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max);
        return (cut > max / 2 ? text[..cut] : text[..max]).TrimEnd(' ', ',', ':', ';');
    }
}
