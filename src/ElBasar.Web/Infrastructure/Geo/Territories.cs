using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ElBasar.Web.Infrastructure.Geo;

/// <summary>
/// The administrative split of France published by Etalab (npm @etalab/decoupage-administratif):
/// communes, EPCI, départements and régions, read once at start and then only read, so one instance
/// is shared by every thread.
/// </summary>
public sealed class Territories
{
    // French rules sort "Écouen" among the E and "Œting" among the O; ordinal order would put them after the Z.
    static readonly StringComparer FrenchOrder = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: false);

    // No commune name is longer than 45 characters, so a longer query cannot match; refusing it early bounds the work.
    const int MaxQueryLength = 100;

    readonly Commune[] _communes;
    readonly string[] _searchKeys;         // folded names, at the same index as _communes
    readonly Dictionary<string, Commune> _communesByCode;
    readonly Dictionary<string, List<Commune>> _communesByPostalCode;
    readonly Dictionary<string, Epci> _epcis;
    readonly Dictionary<string, Departement> _departements;
    readonly Dictionary<string, Region> _regions;

    // Sorted lists are made on first demand: sorting every commune with culture rules at start would cost more
    // than the whole load. Keys are canonical codes of known territories only, so callers cannot grow them.
    readonly ConcurrentDictionary<string, IReadOnlyList<Commune>> _communesOfDepartement = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<Commune>> _communesOfEpci = new(StringComparer.Ordinal);

    Territories(
        Commune[] communes, string[] searchKeys, Dictionary<string, Commune> communesByCode,
        Dictionary<string, List<Commune>> communesByPostalCode, Dictionary<string, Epci> epcis,
        Dictionary<string, Departement> departements, Dictionary<string, Region> regions)
    {
        _communes = communes;
        _communesByCode = communesByCode;
        _communesByPostalCode = communesByPostalCode;
        _epcis = epcis;
        _departements = departements;
        _regions = regions;
        _searchKeys = searchKeys;
        Departements = Array.AsReadOnly(departements.Values.OrderBy(d => d.Code, StringComparer.Ordinal).ToArray());
        Regions = Array.AsReadOnly(regions.Values.OrderBy(r => r.Code, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Every département (and overseas collectivity), sorted by code: 01 … 19, 21 … 29, 2A, 2B, 30 … 989.</summary>
    public IReadOnlyList<Departement> Departements { get; }

    /// <summary>Every région, sorted by code.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The current commune for an INSEE code, including the code of a former, delegated or associated commune.</summary>
    public Commune? FindCommune(string inseeCode) => _communesByCode.GetValueOrDefault(inseeCode);

    public Epci? FindEpci(string code) => _epcis.GetValueOrDefault(code);

    public Departement? FindDepartement(string code) => _departements.GetValueOrDefault(code);

    public Region? FindRegion(string code) => _regions.GetValueOrDefault(code);

    /// <summary>The départements of a région, sorted by code; empty for an unknown région.</summary>
    public IReadOnlyList<Departement> DepartementsOf(string regionCode) =>
        FindRegion(regionCode) is { } region ? Departements.Where(d => d.RegionCode == region.Code).ToList() : [];

    /// <summary>
    /// The communes of a département sorted by name with French rules, including the municipal arrondissements of
    /// Paris, Lyon and Marseille since addresses carry their codes; empty for an unknown code.
    /// </summary>
    public IReadOnlyList<Commune> CommunesOfDepartement(string code) =>
        FindDepartement(code) is { } departement
            ? _communesOfDepartement.GetOrAdd(departement.Code, key => SortedByName(_communes.Where(c => c.DepartementCode == key)))
            : [];

    /// <summary>
    /// The communes of an EPCI sorted by name with French rules, municipal arrondissements included (unlike
    /// <see cref="Epci.CommuneCodes"/>, the official member list); empty for an unknown code.
    /// </summary>
    public IReadOnlyList<Commune> CommunesOfEpci(string code) =>
        FindEpci(code) is { } epci
            ? _communesOfEpci.GetOrAdd(epci.Code, key => SortedByName(_communes.Where(c => c.EpciCode == key)))
            : [];

    /// <summary>
    /// Communes whose name starts with <paramref name="text"/>, ignoring case, accents, hyphens and apostrophes
    /// ("st"/"ste" also stand for "saint"/"sainte"); or, for five characters shaped like a code, the communes of
    /// that postal code then the commune of that INSEE code. The exact name comes first, then larger populations.
    /// </summary>
    public IReadOnlyList<Commune> SearchCommunes(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = text.Trim();
        if (max <= 0 || query.Length == 0 || query.Length > MaxQueryLength) return [];
        if (IsCodeShaped(query)) return FindByCode(query.ToUpperInvariant(), max);

        var key = SearchKey(query);
        if (key.Length == 0) return [];
        var spelledOut = SpelledOutSaints(key);

        var matches = new List<(Commune Commune, bool Exact)>();
        for (var i = 0; i < _searchKeys.Length; i++)
        {
            var name = _searchKeys[i];
            if (name.StartsWith(key, StringComparison.Ordinal))
                matches.Add((_communes[i], name.Length == key.Length));
            else if (spelledOut is not null && name.StartsWith(spelledOut, StringComparison.Ordinal))
                matches.Add((_communes[i], name.Length == spelledOut.Length));
        }
        matches.Sort((a, b) =>
            a.Exact != b.Exact ? b.Exact.CompareTo(a.Exact) : ByPopulationThenName(a.Commune, b.Commune));
        return matches.Take(max).Select(m => m.Commune).ToList();
    }

    IReadOnlyList<Commune> FindByCode(string code, int max)
    {
        // A postal code is what people type; an INSEE code is what imports carry. Both are five characters.
        var found = _communesByPostalCode.TryGetValue(code, out var byPostalCode)
            ? byPostalCode.OrderBy(c => c, Comparer<Commune>.Create(ByPopulationThenName)).ToList()
            : [];
        if (FindCommune(code) is { } byInseeCode && !found.Contains(byInseeCode)) found.Add(byInseeCode);
        return found.Take(max).ToList();
    }

    static int ByPopulationThenName(Commune a, Commune b)
    {
        var order = b.Population.CompareTo(a.Population);
        if (order == 0) order = FrenchOrder.Compare(a.Name, b.Name);
        return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
    }

    static IReadOnlyList<Commune> SortedByName(IEnumerable<Commune> communes) =>
        communes.OrderBy(c => c.Name, FrenchOrder).ThenBy(c => c.Code, StringComparer.Ordinal).ToList().AsReadOnly();

    // Postal codes are five digits (Corsica's start with 20); INSEE codes may have 2A or 2B in place of the digits.
    static bool IsCodeShaped(string text) =>
        text.Length == 5 && char.IsAsciiDigit(text[0]) && (char.IsAsciiDigit(text[1]) || text[1] is 'A' or 'a' or 'B' or 'b')
        && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) && char.IsAsciiDigit(text[4]);

    // Lower-case words separated by single spaces, without accents: case, accents, hyphens and apostrophes stop
    // mattering, so "villeneuve d'ascq" meets "Villeneuve-d'Ascq" and "marcq en baroeul" meets "Marcq-en-Barœul".
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static string SearchKey(string text)
    {
        if (!Ascii.IsValid(text)) text = text.Normalize(NormalizationForm.FormD);
        // Ligatures are the only characters that grow, and by one character each.
        Span<char> folded = text.Length <= 128 ? stackalloc char[text.Length * 2] : new char[text.Length * 2];
        var length = 0;
        var gap = false;
        foreach (var c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) gap = length > 0;
                continue;
            }
            if (gap) folded[length++] = ' ';
            gap = false;
            switch (c)
            {
                case 'œ' or 'Œ': folded[length++] = 'o'; folded[length++] = 'e'; break;
                case 'æ' or 'Æ': folded[length++] = 'a'; folded[length++] = 'e'; break;
                default: folded[length++] = char.ToLowerInvariant(c); break;
            }
        }
        return new string(folded[..length]);
    }

    // People write "St Omer" and "Ste Marie"; the referential always spells the saint out.
    static string? SpelledOutSaints(string key)
    {
        var words = key.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            var spelled = words[i] switch { "st" => "saint", "ste" => "sainte", var word => word };
            changed |= !ReferenceEquals(spelled, words[i]);
            words[i] = spelled;
        }
        return changed ? string.Join(' ', words) : null;
    }

    /// <summary>Reads the four files copied next to the application, in its "territories" folder.</summary>
    public static Territories LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "territories"));

    // Loading runs once, at start, through 37,000 rows: the hot methods are compiled optimised straight away
    // (AggressiveOptimization) instead of spending most of the load in the JIT's slow first tier.
    /// <summary>Reads communes.json, epci.json, departements.json and regions.json from <paramref name="directory"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Territories Load(string directory)
    {
        // The EPCI file (4 MB) is read on another thread while the rest is read here. It has its own pool; its
        // member codes are swapped for the communes' own strings at the end.
        var epciReading = Task.Run(() => ReadEpcis(Path.Combine(directory, "epci.json")));
        var codes = new CodePool();

        var regions = new Dictionary<string, Region>(StringComparer.OrdinalIgnoreCase);
        ReadObjects(Path.Combine(directory, "regions.json"), (ref Utf8JsonReader reader) =>
        {
            string? code = null, name = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8)) code = codes.Next(ref reader);
                else if (reader.ValueTextEquals("nom"u8)) name = NextString(ref reader);
                else reader.Skip();
            }
            var region = new Region(Required(code, "code"), Required(name, "nom"));
            regions[region.Code] = region;
        });

        var departements = new Dictionary<string, Departement>(StringComparer.OrdinalIgnoreCase);
        ReadObjects(Path.Combine(directory, "departements.json"), (ref Utf8JsonReader reader) =>
        {
            string? code = null, name = null, region = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8)) code = codes.Next(ref reader);
                else if (reader.ValueTextEquals("nom"u8)) name = NextString(ref reader);
                else if (reader.ValueTextEquals("region"u8)) region = codes.Next(ref reader);
                else reader.Skip();
            }
            var departement = new Departement(Required(code, "code"), Required(name, "nom"), Required(region, "region"));
            departements[departement.Code] = departement;
        });

        var rows = new List<CommuneRow>(36_000);
        var partOf = new List<(string Code, string Current)>(3_000);
        var formerlyOf = new List<(string Code, string Current)>(6_000);
        var postalCodes = new List<string>(30);
        var formerCodes = new List<string>(30);
        ReadObjects(Path.Combine(directory, "communes.json"), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ref Utf8JsonReader reader) =>
        {
            string? code = null, name = null, departement = null, region = null, chefLieu = null, city = null;
            var kind = CommuneKind.Other;
            var population = 0;
            postalCodes.Clear();
            formerCodes.Clear();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8)) code = codes.Next(ref reader);
                else if (reader.ValueTextEquals("nom"u8)) name = NextString(ref reader);
                else if (reader.ValueTextEquals("type"u8)) kind = NextKind(ref reader);
                else if (reader.ValueTextEquals("departement"u8)) departement = codes.Next(ref reader);
                else if (reader.ValueTextEquals("region"u8)) region = codes.Next(ref reader);
                else if (reader.ValueTextEquals("chefLieu"u8)) chefLieu = codes.Next(ref reader);
                else if (reader.ValueTextEquals("commune"u8)) city = codes.Next(ref reader);
                else if (reader.ValueTextEquals("codesPostaux"u8)) ReadCodes(ref reader, postalCodes, codes);
                else if (reader.ValueTextEquals("population"u8)) population = NextInt(ref reader);
                else if (reader.ValueTextEquals("anciensCodes"u8)) ReadCodes(ref reader, formerCodes, codes);
                else reader.Skip();
            }
            var current = Required(code, "code");
            switch (kind)
            {
                case CommuneKind.PartOfAnother:
                    partOf.Add((current, Required(chefLieu, "chefLieu")));
                    break;
                case CommuneKind.Current or CommuneKind.Arrondissement:
                    var arrondissement = kind == CommuneKind.Arrondissement;
                    rows.Add(new(
                        current, Required(name, "nom"), Required(departement, "departement"), Required(region, "region"),
                        arrondissement ? Required(city, "commune") : null, postalCodes.ToArray(), population));
                    foreach (var former in formerCodes) formerlyOf.Add((former, current));
                    break;
            }
        });

        // Folding the names for search needs nothing else, so it overlaps the work below.
        var searchKeys = Task.Run(() =>
        {
            var keys = new string[rows.Count];
            for (var i = 0; i < keys.Length; i++) keys[i] = SearchKey(rows[i].Name);
            return keys;
        });
        var (epciRows, epciOfCommune) = epciReading.GetAwaiter().GetResult();
        var communes = new Commune[rows.Count];
        var communesByCode = new Dictionary<string, Commune>(rows.Count + partOf.Count + formerlyOf.Count, StringComparer.OrdinalIgnoreCase);
        var communesByPostalCode = new Dictionary<string, List<Commune>>(6_500, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            // An arrondissement is no EPCI member: it belongs to the one its city belongs to.
            var epciCode = epciOfCommune.GetValueOrDefault(row.City ?? row.Code);
            var commune = new Commune(row.Code, row.Name, row.DepartementCode, row.RegionCode, epciCode, row.PostalCodes, row.Population);
            communes[i] = commune;
            communesByCode[commune.Code] = commune;
            foreach (var postalCode in commune.PostalCodes)
            {
                ref var sharing = ref CollectionsMarshal.GetValueRefOrAddDefault(communesByPostalCode, postalCode, out _);
                (sharing ??= new List<Commune>(1)).Add(commune);
            }
        }

        // A current code always wins (Hesdin, now delegated, shares its code with Hesdin-la-Forêt); then a delegated
        // or associated commune says where it belongs today, which is fresher than a former code: 55273 is among
        // 55245's former codes but is now associated to 55386.
        foreach (var (code, current) in partOf.Concat(formerlyOf))
            if (!communesByCode.ContainsKey(code) && communesByCode.GetValueOrDefault(current) is { } commune)
                communesByCode[code] = commune;

        var epcis = new Dictionary<string, Epci>(epciRows.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name, type, members) in epciRows)
        {
            for (var i = 0; i < members.Length; i++)
                if (communesByCode.GetValueOrDefault(members[i]) is { } member && member.Code == members[i])
                    members[i] = member.Code;
            epcis[code] = new Epci(code, name, type, members);
        }

        return new Territories(
            communes, searchKeys.GetAwaiter().GetResult(), communesByCode, communesByPostalCode, epcis, departements, regions);
    }

    // A current commune or arrondissement as read, waiting for the EPCI file to give it its EPCI.
    readonly record struct CommuneRow(
        string Code, string Name, string DepartementCode, string RegionCode, string? City, string[] PostalCodes, int Population);

    static (List<(string Code, string Name, string Type, string[] Members)> Rows, Dictionary<string, string> EpciOfCommune)
        ReadEpcis(string path)
    {
        var codes = new CodePool();
        var epcis = new List<(string Code, string Name, string Type, string[] Members)>(1_300);
        var epciOfCommune = new Dictionary<string, string>(36_000, StringComparer.Ordinal);
        var members = new List<string>(200);
        ReadObjects(path, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (ref Utf8JsonReader reader) =>
        {
            string? code = null, name = null, type = null;
            members.Clear();
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8)) code = NextString(ref reader);
                else if (reader.ValueTextEquals("nom"u8)) name = NextString(ref reader);
                else if (reader.ValueTextEquals("type"u8)) type = NextString(ref reader);
                else if (reader.ValueTextEquals("membres"u8)) ReadMembers(ref reader, members, codes);
                else reader.Skip();
            }
            var epci = (Code: Required(code, "code"), Name: Required(name, "nom"), Type: Required(type, "type"), Members: members.ToArray());
            epcis.Add(epci);
            foreach (var member in epci.Members) epciOfCommune[member] = epci.Code;
        });
        return (epcis, epciOfCommune);
    }

    enum CommuneKind { Other, Current, Arrondissement, PartOfAnother }

    // Each file is an array of objects, read one object at a time with Utf8JsonReader keeping only the fields used.
    // Hand-written because the source-generated serializer took twice as long on communes.json (8.6 MB).
    delegate void ObjectReader(ref Utf8JsonReader reader);

    static void ReadObjects(string path, ObjectReader readObject)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(path));
        try
        {
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) readObject(ref reader);
            if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException($"Expected an object, found {reader.TokenType}.");
        }
        catch (JsonException e)
        {
            throw new JsonException($"{path}, byte {reader.BytesConsumed}: {e.Message}", e);
        }
    }

    static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void ReadMembers(ref Utf8JsonReader reader, List<string> members, CodePool codes)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? code = null;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("code"u8)) code = codes.Next(ref reader);
                else reader.Skip();
            }
            members.Add(Required(code, "membres.code"));
        }
    }

    static void ReadCodes(ref Utf8JsonReader reader, List<string> values, CodePool codes)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.String) values.Add(codes.Current(ref reader));
        if (reader.TokenType != JsonTokenType.EndArray) throw new JsonException($"Expected a string, found {reader.TokenType}.");
    }

    static CommuneKind NextKind(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        if (reader.ValueTextEquals("commune-actuelle"u8)) return CommuneKind.Current;
        if (reader.ValueTextEquals("arrondissement-municipal"u8)) return CommuneKind.Arrondissement;
        if (reader.ValueTextEquals("commune-deleguee"u8) || reader.ValueTextEquals("commune-associee"u8)) return CommuneKind.PartOfAnother;
        return CommuneKind.Other;
    }

    static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
        };
    }

    static int NextInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetInt32(),
            JsonTokenType.Null => 0,
            _ => throw new JsonException($"Expected a number, found {reader.TokenType}."),
        };
    }

    static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (!reader.Read() || reader.TokenType != expected)
            throw new JsonException($"Expected {expected}, found {reader.TokenType}.");
    }

    static string Required(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new JsonException($"An entry has no \"{field}\".") : value;

    // One string per distinct code, looked up from the UTF-8 bytes without allocating: the same "59", "32" or "62000"
    // appears thousands of times, and an EPCI member or a former code is the same string as the commune's own code.
    sealed class CodePool
    {
        const int LongestCode = 16;
        readonly Dictionary<string, string> _strings = new(50_000, StringComparer.Ordinal);
        readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byChars;

        public CodePool() => _byChars = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string? Next(ref Utf8JsonReader reader)
        {
            reader.Read();
            return reader.TokenType switch
            {
                JsonTokenType.String => Current(ref reader),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
            };
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string Current(ref Utf8JsonReader reader)
        {
            var bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (bytes > LongestCode) return reader.GetString()!;
            Span<char> chars = stackalloc char[LongestCode];
            chars = chars[..reader.CopyString(chars)];
            if (_byChars.TryGetValue(chars, out var known)) return known;
            var code = new string(chars);
            _strings.Add(code, code);
            return code;
        }
    }
}
