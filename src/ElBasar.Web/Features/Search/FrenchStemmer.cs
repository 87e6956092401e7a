namespace ElBasar.Web.Features.Search;

/// <summary>
/// A light French stemmer in the manner of Savoy's "light" stemmers (J. Savoy, "A stemming
/// procedure and stopword list for general French corpora", JASIS 1999; the UniNE light stemmer):
/// remove the inflections (plural, feminine, participles and infinitives) and the most common
/// derivational suffixes, never cut a word below four letters, and rather under- than over-stem.
/// It works on folded words (lower case, no accents: see <see cref="SearchText"/>) and runs alike
/// on documents and queries, so both ends meet: réparer, réparation, réparateur → "repar".
/// </summary>
public static class FrenchStemmer
{
    // Words of four letters or fewer keep their shape but for a plural "s"; stems keep three letters.
    const int MinWord = 4;
    const int MinStem = 3;

    // Longest first; applied to the singular. Each suffix maps to what replaces it; derivational families share one root.
    static readonly (string Suffix, string Replacement)[] Derivations =
    [
        ("issement", "ir"), ("issante", "ir"), ("issant", "ir"), ("ficatrice", "fi"), ("ficateur", "fi"),
        ("fication", "fi"), ("isation", "is"), ("isateur", "is"), ("isatrice", "is"), ("atrice", ""), ("ateur", ""),
        ("ation", ""), ("ition", "i"), ("abilite", ""), ("ite", ""), ("ement", ""),
        ("euse", ""), ("eur", ""), ("trice", "t"), ("ienne", "ien"), ("enne", "en"), ("elle", "el"), ("isme", ""),
        ("iste", ""), ("ique", "ic"), ("able", ""), ("ible", ""), ("ive", "if"), ("age", ""), ("erie", ""),
        ("iere", ""), ("ier", ""), ("ette", ""), ("ure", ""), ("at", ""), ("ee", ""), ("dre", "d"), ("tre", "t"),
        ("er", ""), ("ez", ""), ("ir", ""), ("e", ""),
    ];

    public static string Stem(string word)
    {
        if (!IsWord(word)) return word;
        // "ph" sounds and is often typed "f": graphiste and grafiste meet.
        if (word.Contains("ph", StringComparison.Ordinal)) word = word.Replace("ph", "f", StringComparison.Ordinal);
        word = Singular(word);
        if (word.Length <= MinWord) return word;
        foreach (var (suffix, replacement) in Derivations)
        {
            if (!word.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var stem = word[..^suffix.Length] + replacement;
            if (stem.Length < MinStem) continue;
            return Tidy(stem);
        }
        return Tidy(word);
    }

    // Plurals first, so that "site" and "sites" reach the same rules: -eaux, -aux, then a final s or x.
    static string Singular(string word)
    {
        if (word.Length <= 3) return word;
        if (word.EndsWith("eaux", StringComparison.Ordinal)) return word[..^1];
        if (word.Length > 4 && word.EndsWith("aux", StringComparison.Ordinal)) return word[..^3] + "al";
        if (word[^1] is 's' or 'x' && word[^2] != 's') return word[..^1];
        return word;
    }

    // After the cut: a doubled final consonant is single ("tonnell" and "tonnel" meet), and a
    // final "e" or plural left by a compound suffix goes.
    static string Tidy(string stem)
    {
        if (stem.Length > MinWord && (stem[^1] == 's' || stem[^1] == 'e')) stem = stem[..^1];
        if (stem.Length > MinStem && stem[^1] == stem[^2] && !IsVowel(stem[^1])) stem = stem[..^1];
        return stem;
    }

    static bool IsWord(string word)
    {
        foreach (var c in word) if (!char.IsAsciiLetterLower(c)) return false;
        return true;
    }

    static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}
