using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ElBasar.Bench.Generate;

/// <summary>
/// Writes organisations and listings as exchange-format JSON objects. Each record depends only
/// on the seed and its own random stream, so output is the same on any number of threads.
/// </summary>
sealed class NetworkGenerator(Catalogue catalogue, Lexicon lexicon, TemplateBook book, ulong seed, DateTime now, int revision)
{
    const double HistoryDays = 548;   // 18 months of listings

    public sealed record OrganizationSeed(string ExternalId, CommuneRow? Commune);

    static readonly HashSet<string> BusinessPrefixes = new(StringComparer.Ordinal)
        { "Atelier", "Agence", "Cabinet", "Bureau d'études", "Studio", "Comptoir", "Brasserie", "Boutique", "Garage solidaire", "Fabrique", "Café", "Ferme" };

    // Shares of legal forms among structures (individuals are drawn apart).
    static readonly (string Slug, double Weight)[] LegalFormShares =
    [
        ("association", 58), ("scop", 8), ("scic", 6), ("sarl", 7), ("sas", 5), ("collectivite", 5), ("cae", 3),
        ("fondation", 2), ("mutuelle", 2), ("other", 1),
    ];

    static readonly WeightedTable LegalFormTable = new(LegalFormShares.Select(f => f.Weight));
    readonly ZipfList<string> _prefixes = new(Vocabulary.OrganizationPrefixes, 0.7);
    readonly ZipfList<string> _orgNames = new(Vocabulary.OrganizationNames, 0.5);
    readonly ZipfList<string> _orgPlaces = new(Vocabulary.OrganizationPlaces, 0.5);

    public static string Id(string prefix, long index, long count) =>
        prefix + (index + 1).ToString(new string('0', Math.Max(4, (int)Math.Floor(Math.Log10(Math.Max(count, 1))) + 1)), CultureInfo.InvariantCulture);

    public OrganizationSeed WriteOrganization(Utf8JsonWriter w, long index, long count)
    {
        var rng = new Rng(seed, 1, (ulong)index);
        var scene = new Scene(rng, lexicon);
        var externalId = Id("org-", index, count);
        var commune = rng.Chance(0.96) ? Communes.Sample(rng) : null;
        scene.Commune = commune;

        var individual = rng.Chance(0.06);
        var legalForm = individual ? "individual" : LegalFormShares[LegalFormTable.Sample(rng)].Slug;
        var name = individual
            ? $"{lexicon.FirstNames.Sample(rng)} {lexicon.LastNames.Sample(rng)}"
            : OrganizationName(rng, legalForm, commune);

        w.WriteStartObject();
        w.WriteString("externalId", externalId);
        w.WriteString("name", name);
        if (individual) w.WriteString("kind", "individual");
        if (catalogue.LegalForms.Contains(legalForm)) w.WriteString("legalForm", legalForm);
        if (rng.Chance(0.85))
        {
            var sb = new StringBuilder(256);
            for (var i = rng.Between(1, 4); i > 0; i--) TemplateBook.AppendSentence(sb, book.OrganizationSentences.Sample(rng), scene);
            w.WriteString("description", sb.ToString());
        }
        w.WriteStartArray("activities");
        var activities = new List<string>(4);
        for (var i = rng.Between(1, 4); i > 0; i--)
        {
            var activity = lexicon.Activities.Sample(rng);
            if (!activities.Contains(activity)) activities.Add(activity);
        }
        foreach (var activity in activities) w.WriteStringValue(activity);
        w.WriteEndArray();
        if (commune is not null)
        {
            var (lat, lon) = Communes.Around(commune, rng);
            w.WriteString("communeInsee", commune.Insee);
            w.WriteString("commune", commune.Name);
            w.WriteString("postalCode", commune.PostalCode);
            w.WriteNumber("latitude", lat);
            w.WriteNumber("longitude", lon);
        }
        var slug = Slug(name);
        if (rng.Chance(0.8)) w.WriteString("email", individual ? $"{slug}@example.net" : $"contact@{slug}.example.org");
        if (rng.Chance(0.7)) w.WriteString("phone", Slots.Phone(scene));
        if (!individual && rng.Chance(0.5)) w.WriteString("website", $"https://{slug}.example.org");
        if (!individual) w.WriteNumber("employees", Employees(rng, legalForm));
        if (rng.Chance(0.08)) w.WriteBoolean("member", false);
        w.WriteEndObject();
        return new OrganizationSeed(externalId, commune);
    }

    string OrganizationName(Rng rng, string legalForm, CommuneRow? commune)
    {
        var company = legalForm is "sarl" or "sas" or "scop" or "scic";
        if (legalForm == "collectivite")
        {
            var place = commune?.Name ?? "Lille";
            return rng.Next(4) switch
            {
                0 => "Mairie " + French.Contract("de", place),
                1 => "CCAS " + French.Contract("de", place),
                2 => "Médiathèque " + French.Contract("de", place),
                _ => "Communauté de communes " + _orgPlaces.Sample(rng),
            };
        }
        var prefix = _prefixes.Sample(rng);
        for (var i = 0; company && !BusinessPrefixes.Contains(prefix) && i < 10; i++) prefix = _prefixes.Sample(rng);
        var name = rng.NextDouble() switch
        {
            < 0.30 => $"{prefix} {_orgNames.Sample(rng)}",
            < 0.55 => $"{prefix} {_orgPlaces.Sample(rng)}",
            < 0.75 => _orgNames.Sample(rng),
            < 0.90 => $"{prefix} {French.Contract("de", commune?.Name ?? "Lille")}",
            _ => $"{_orgNames.Sample(rng)} {_orgPlaces.Sample(rng)}",
        };
        return legalForm is "scop" or "scic" && rng.Chance(0.3) ? $"{name} {legalForm.ToUpperInvariant()}" : name;
    }

    static int Employees(Rng rng, string legalForm) => legalForm switch
    {
        "association" => rng.Chance(0.4) ? 0 : (int)Math.Min(150, Math.Exp(rng.Gaussian() * 1.1 + 1.2)),
        "collectivite" => rng.Between(10, 400),
        "scop" or "scic" or "cae" => rng.Between(2, 60),
        "sarl" or "sas" => rng.Between(1, 40),
        _ => rng.Between(0, 30),
    };

    static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(lower);
            else if (lower is 'œ') sb.Append("oe");
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 40) break;
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>State reused across the listings of one chunk.</summary>
    public sealed class Workspace
    {
        public readonly StringBuilder Text = new(1024);
        public readonly List<string> Modes = new(3);
        public readonly List<Template> Used = new(6);
    }

    public void WriteListing(Utf8JsonWriter w, Rng rng, long index, long count, IReadOnlyList<OrganizationSeed> organizations,
        WeightedTable posterTable, int[] posterOrder, Workspace work)
    {
        var offer = rng.Chance(0.64);
        var kind = offer ? "offer" : "demand";
        var plan = catalogue.SampleCategory(rng);
        var aboutThing = plan.Things is not null && (plan.Services is null || rng.NextDouble() < plan.Words.ThingShare);
        var nouns = aboutThing ? plan.Things! : plan.Services!;
        var subject = aboutThing ? plan.Words.ThingKind : plan.Words.ServiceKind;
        var scene = new Scene(rng, lexicon) { Kind = subject, Subject = nouns.Sample(rng) };
        scene.Second = nouns.Sample(rng);
        if (ReferenceEquals(scene.Second, scene.Subject)) scene.Second = nouns.Sample(rng);

        catalogue.SampleModes(rng, subject, offer, work.Modes);
        var mode = work.Modes[0];

        var poster = organizations[posterOrder[posterTable.Sample(rng)]];
        CommuneRow? place = null;
        var where = rng.NextDouble();
        if (where < 0.40) place = poster.Commune ?? Communes.Sample(rng);
        else if (where < 0.55) place = Communes.Sample(rng);
        scene.Commune = place ?? poster.Commune;

        var (title, description) = Compose(scene, kind, mode, subject, work);
        var market = work.Modes.FirstOrDefault(catalogue.IsMarket);
        decimal? price = market is not null && rng.Chance(offer ? 0.85 : 0.3) ? Price(rng, market, subject) : null;
        var point = place is null ? default : Communes.Around(place, rng);
        var created = CreatedAt(rng, index, count);
        var expires = ExpiresAt(rng, created);

        // A later revision of the same network: a share of the listings were edited (new wording,
        // new price), the others are byte for byte the same, so a re-import updates only those.
        if (revision > 0)
        {
            var edit = new Rng(seed, 1000 + (ulong)revision, (ulong)index);
            if (edit.Chance(EditedShare))
            {
                var edited = new Scene(edit, lexicon) { Kind = subject, Subject = scene.Subject, Second = scene.Second, Commune = scene.Commune };
                (title, description) = Compose(edited, kind, mode, subject, work);
                if (price is not null) price = Price(edit, market!, subject);
            }
        }

        w.WriteStartObject();
        w.WriteString("externalId", Id("lst-", index, count));
        w.WriteString("organizationExternalId", poster.ExternalId);
        w.WriteString("kind", kind);
        w.WriteString("title", title);
        if (description is not null) w.WriteString("description", description);
        w.WriteString("category", plan.Words.Slug);
        w.WriteStartArray("exchangeModes");
        foreach (var m in work.Modes) w.WriteStringValue(m);
        w.WriteEndArray();
        if (price is { } p) w.WriteNumber("price", p);
        if (place is not null)
        {
            w.WriteString("communeInsee", place.Insee);
            w.WriteNumber("latitude", point.Latitude);
            w.WriteNumber("longitude", point.Longitude);
        }
        w.WriteString("createdAt", Iso(created));
        if (expires is { } e) w.WriteString("expiresAt", Iso(e));
        w.WriteEndObject();
    }

    /// <summary>Share of the listings that a revision edits.</summary>
    public const double EditedShare = 0.25;

    (string Title, string? Description) Compose(Scene scene, string kind, string mode, Subject subject, Workspace work)
    {
        var rng = scene.Rng;
        var title = book.Title(kind, mode, subject).Sample(rng).Render(scene);
        title = French.Truncate(French.Capitalize(title), 150);

        var text = work.Text.Clear();
        if (rng.Chance(0.93))
        {
            if (book.Opening(kind, mode, subject) is { } openings) TemplateBook.AppendSentence(text, openings.Sample(rng), scene);
            var specific = book.Body(kind, subject);
            var middle = rng.NextDouble() switch { < 0.10 => 0, < 0.35 => 1, < 0.65 => 2, < 0.85 => 3, < 0.95 => 4, _ => 5 };
            work.Used.Clear();
            for (var i = 0; i < middle; i++)
            {
                var pool = specific is not null && rng.Chance(0.6) ? specific : book.AnyBody;
                // A sentence said once is enough: draw again (a few times) rather than repeat it.
                var sentence = pool.Sample(rng);
                for (var retry = 0; retry < 3 && work.Used.Contains(sentence); retry++) sentence = pool.Sample(rng);
                if (work.Used.Contains(sentence)) continue;
                work.Used.Add(sentence);
                TemplateBook.AppendSentence(text, sentence, scene);
            }
            if (rng.Chance(0.6)) TemplateBook.AppendSentence(text, book.Closings.Sample(rng), scene);
        }
        return (title, text.Length == 0 ? null : Limit(text));
    }

    static string Limit(StringBuilder text) => text.Length > 10_000 ? text.ToString(0, 10_000) : text.ToString();

    // Log-normal around a typical price, rounded as people write prices.
    static decimal Price(Rng rng, string mode, Subject subject)
    {
        var (median, sigma, min, max) = (mode, subject) switch
        {
            ("sale", Subject.Food) => (8.0, 0.6, 1.0, 200.0),
            ("sale", _) => (60.0, 1.0, 2.0, 3000.0),
            ("rental", Subject.Premises) => (80.0, 0.8, 10.0, 1500.0),
            ("rental", _) => (40.0, 0.8, 5.0, 800.0),
            _ => (250.0, 0.9, 20.0, 5000.0),
        };
        var value = Math.Clamp(median * Math.Exp(rng.Gaussian() * sigma), min, max);
        return value switch
        {
            < 20 => Math.Round((decimal)value * 2) / 2,
            < 200 => Math.Round((decimal)value / 5) * 5,
            _ => Math.Round((decimal)value / 10) * 10,
        };
    }

    // More listings lately than 18 months ago (a growing network), posted mostly in the daytime.
    // The file lists them in the order they were posted, day by day, as a network's export does:
    // the uniform draw behind the age is stratified by the listing's place in the file.
    DateTime CreatedAt(Rng rng, long index, long count)
    {
        var ageDays = HistoryDays * (1 - Math.Sqrt((index + rng.NextDouble()) / count));
        var day = now.Date.AddDays(-Math.Floor(ageDays));
        var hour = Math.Clamp(13 + rng.Gaussian() * 3.5, 6, 23);
        var at = day.AddHours(hour).AddSeconds(rng.Next(3600));
        return at < now ? at : now.AddMinutes(-rng.Between(1, 600));
    }

    // A few percent already expired (the site must hide them), a fifth with an end date to come.
    DateTime? ExpiresAt(Rng rng, DateTime created)
    {
        var roll = rng.NextDouble();
        if (roll < 0.04)
        {
            var ageDays = (now - created).TotalDays;
            if (ageDays < 2) return null;
            return created.AddDays(1 + rng.NextDouble() * Math.Min(90, ageDays - 1.5));
        }
        if (roll < 0.24) return now.Date.AddDays(rng.Between(1, 180)).AddHours(23).AddMinutes(59);
        return null;
    }

    static string Iso(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
