using System.Collections.Concurrent;
using System.Security.Cryptography;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Features.Networks;
using ElBasar.Web.Features.Search;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Alerts;

/// <summary>
/// A person's saved searches: saved, renamed, paused, deleted, each time filed again in the alert
/// index (<c>saved_search_keys</c>) so that only live searches are found by new listings. Used by
/// the pages, the API and the one-click unsubscribe alike.
/// </summary>
public sealed class SavedSearches(
    ElBasarDbContext db, ListingSearch search, ThesaurusCache thesauri, SearchVocabularyCache vocabularies,
    Taxonomy taxonomy, Territories territories, TimeProvider clock)
{
    /// <summary>Enough for anyone; a bound so one account cannot fill the index.</summary>
    public const int MaxPerPerson = 100;

    public async Task<List<SavedSearch>> ListAsync(Guid userId, CancellationToken ct) =>
        await db.SavedSearches.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(ct);

    /// <summary>The networks of <paramref name="saved"/>, as pages and the API name them.</summary>
    public async Task<Dictionary<Guid, NetworkRef>> NetworksOfAsync(IEnumerable<SavedSearch> saved, CancellationToken ct)
    {
        var ids = saved.Select(s => s.NetworkId).Distinct().ToList();
        return await db.Networks.AsNoTracking().Where(n => ids.Contains(n.Id))
            .Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).ToDictionaryAsync(n => n.Id, ct);
    }

    /// <summary>The network of this short address, or null.</summary>
    public Task<NetworkRef?> FindNetworkAsync(string slug, CancellationToken ct) =>
        db.Networks.AsNoTracking().Where(n => n.Slug == slug).Select(n => new NetworkRef(n.Id, n.Slug, n.Name, n.IsHome)).SingleOrDefaultAsync(ct);

    /// <summary>The person's own saved search, or null: another person's looks like one that does not exist.</summary>
    public Task<SavedSearch?> FindAsync(Guid userId, Guid id, CancellationToken ct) =>
        db.SavedSearches.SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId, ct);

    /// <summary>
    /// Checks and saves in <paramref name="networkId"/> (the network the person searched in); errors
    /// are keyed by field (<c>name</c>, <c>frequency</c>, <c>query.kind</c>…), in French.
    /// </summary>
    public async Task<(SavedSearch? Saved, Dictionary<string, string[]> Errors)> CreateAsync(
        Guid userId, Guid networkId, SavedSearchInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var name = CheckName(input.Name, errors);
        var frequency = CheckFrequency(input.Frequency, errors);
        ListingQuery? query = null;
        if (input.Query is null) errors["query"] = ["« query » est obligatoire : donnez au moins un objet vide {}."];
        else
        {
            query = Parse(input.Query.ToParameters(), networkId, out var queryErrors);
            foreach (var (key, messages) in queryErrors) errors[$"query.{key}"] = messages;
        }
        if (errors.Count == 0 && await db.SavedSearches.CountAsync(s => s.UserId == userId, ct) >= MaxPerPerson)
            errors["name"] = [$"Vous avez déjà {MaxPerPerson} alertes : supprimez-en une avant d'en créer une autre."];
        if (errors.Count > 0) return (null, errors);

        var saved = await BuildAsync(userId, networkId, name!, query!, frequency, ct);
        db.SavedSearches.Add(saved);
        await db.SaveChangesAsync(ct);
        await ReindexAsync(saved, ct);
        return (saved, errors);
    }

    /// <summary>A new saved search of a checked query, analysed and ready to add (the benchmark adds many at once).</summary>
    public async Task<SavedSearch> BuildAsync(Guid userId, Guid networkId, string name, ListingQuery query, AlertFrequency frequency, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var saved = new SavedSearch
        {
            UserId = userId, NetworkId = networkId, Name = name, QueryJson = SavedSearchQuery.From(query).ToJson(), Frequency = frequency,
            FeedToken = NewSecret(), Secret = NewSecret(), CreatedAt = now, UpdatedAt = now,
            NextDigestAt = NextDigest(frequency, now),
        };
        await CompileAsync(saved, query, ct);
        return saved;
    }

    /// <summary>Renames, changes the frequency, pauses or resumes; null when the search is not the person's.</summary>
    public async Task<Dictionary<string, string[]>?> UpdateAsync(Guid userId, Guid id, string? name, string? frequency, bool paused, CancellationToken ct)
    {
        if (await FindAsync(userId, id, ct) is not { } saved) return null;
        var errors = new Dictionary<string, string[]>();
        var checkedName = CheckName(name, errors);
        var checkedFrequency = CheckFrequency(frequency, errors);
        if (errors.Count > 0) return errors;
        var now = clock.GetUtcNow().UtcDateTime;
        if (saved.Frequency != checkedFrequency) saved.NextDigestAt = NextDigest(checkedFrequency, now);
        var reindex = saved.Paused != paused;
        (saved.Name, saved.Frequency, saved.Paused, saved.UpdatedAt) = (checkedName!, checkedFrequency, paused, now);
        await db.SaveChangesAsync(ct);
        if (reindex) await ReindexAsync(saved, ct);
        return errors;
    }

    /// <summary>Stops the mails of one search (the one-click unsubscribe): it stays in the person's list, paused.</summary>
    public async Task PauseAsync(SavedSearch saved, CancellationToken ct)
    {
        if (saved.Paused) return;
        saved.Paused = true;
        saved.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await ReindexAsync(saved, ct);
    }

    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken ct) =>
        await db.SavedSearches.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The page of search results this saved search stands for, in its network.</summary>
    public ListingQuery QueryOf(SavedSearch saved) =>
        Parse(SavedSearchQuery.FromJson(saved.QueryJson).ToParameters(), saved.NetworkId, out _);

    /// <summary>
    /// Checks a search as <c>/recherche</c> in <paramref name="networkId"/> does: the shared categories
    /// and that network's own are accepted. Another network's category is refused as such, so the
    /// person knows to save the alert from that network's search.
    /// </summary>
    public ListingQuery Parse(ListingQueryParameters parameters, Guid networkId, out Dictionary<string, string[]> errors)
    {
        var query = ListingQuery.Parse(parameters, taxonomy, territories, out errors, networkId);
        if (query.Categories.FirstOrDefault(c => taxonomy.FindCategory(c, networkId) is null) is { } refused && taxonomy.NetworkOfCategory(refused) is not null)
            errors["category"] = [$"La catégorie « {taxonomy.CategoryLabel(refused)} » est propre à un autre réseau : créez cette alerte depuis la recherche de ce réseau."];
        return query;
    }

    /// <summary>
    /// Fills the columns the matcher reads. The text is analysed once, now, with today's thesaurus:
    /// words the index corrects are kept corrected and as typed, so a word no listing has used yet
    /// still alerts when one does. A radius around a commune is measured from the same point search uses.
    /// </summary>
    async Task CompileAsync(SavedSearch saved, ListingQuery query, CancellationToken ct)
    {
        var located = await search.LocateAsync(query, ct);
        var concepts = new List<List<string[]>>();
        if (query.Text.Length > 0)
        {
            var thesaurus = await thesauri.GetAsync(ct);
            var corrected = SearchAnalyzer.AnalyzeQuery(query.Text, thesaurus, await vocabularies.GetAsync(ct));
            var typed = SearchAnalyzer.AnalyzeQuery(query.Text, thesaurus);
            var sameShape = typed.Concepts.Count == corrected.Concepts.Count;
            for (var i = 0; i < corrected.Concepts.Count; i++)
            {
                var alternatives = corrected.Concepts[i].Alternatives.Select(a => a.Stems).ToList();
                if (sameShape && corrected.Concepts[i].Alternatives.Any(a => a.IsCorrection))
                    alternatives.AddRange(typed.Concepts[i].Alternatives.Select(a => a.Stems));
                concepts.Add(alternatives);
            }
        }
        saved.Analysis = SavedSearchProfile.WriteAnalysis(concepts);
        saved.Kind = query.Kind;
        saved.Categories = Spaced(query.Categories);
        saved.Modes = Spaced(query.Modes);
        saved.Market = query.Market;
        saved.Territory = query.Territory;
        saved.CommuneFilter = query.RadiusCommune is not null && !located.HasPoint ? query.RadiusCommune.Code : null;
        (saved.Latitude, saved.Longitude, saved.RadiusKm) = located.HasPoint && located.RadiusKm is { } radius
            ? (located.Latitude, located.Longitude, radius)
            : ((double?)null, (double?)null, (double?)null);
    }

    /// <summary>Files a live search in the alert index by its keys, each with the kind and the box of its radius; a paused one is taken out.</summary>
    async Task ReindexAsync(SavedSearch saved, CancellationToken ct)
    {
        await db.SavedSearchKeys.Where(k => k.SavedSearchId == saved.Id).ExecuteDeleteAsync(ct);
        if (saved.Paused) return;
        db.SavedSearchKeys.AddRange(await KeysAsync(saved, ct));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The rows of the alert index for a live saved search.</summary>
    public async Task<List<SavedSearchKey>> KeysAsync(SavedSearch saved, CancellationToken ct)
    {
        var profile = ProfileOf(saved.Analysis, saved.Kind, saved.Categories, saved.Modes, saved.Market, null, null,
            saved.Latitude, saved.Longitude, saved.RadiusKm, territories, taxonomy);
        var box = saved.Latitude is { } lat && saved.Longitude is { } lon && saved.RadiusKm is { } radius
            ? GeoPoint.BoundingBox(new GeoPoint(lat, lon), radius)
            : ((double, double, double, double)?)null;
        return AlertKeys.For(profile, await vocabularies.GetAsync(ct)).Select(key => new SavedSearchKey
        {
            SavedSearchId = saved.Id, Key = key, Kind = saved.Kind,
            MinLat = box?.Item1, MaxLat = box?.Item2, MinLon = box?.Item3, MaxLon = box?.Item4,
        }).ToList();
    }

    static readonly ConcurrentDictionary<string, IReadOnlySet<string>> TerritoryCommunes = new(StringComparer.Ordinal);

    /// <summary>The matcher's view of a saved search's columns.</summary>
    public static SavedSearchProfile ProfileOf(string analysis, ListingKind? kind, string categories, string modes, bool? market,
        string? territory, string? communeFilter, double? latitude, double? longitude, double? radiusKm, Territories territories, Taxonomy taxonomy)
    {
        IReadOnlySet<string>? communes = null;
        if (territory is not null)
        {
            communes = TerritoryCommunes.GetOrAdd(territory, code =>
                (ListingQuery.Parse(new ListingQueryParameters(null, null, null, null, null, null, null, null, null, null, code),
                    taxonomy, territories, out _).CommuneCodes ?? []).ToHashSet(StringComparer.Ordinal));
        }
        if (communeFilter is not null)
            communes = communes is null ? new HashSet<string> { communeFilter } : communes.Where(c => c == communeFilter).ToHashSet();
        return new SavedSearchProfile(analysis)
        {
            Kind = kind,
            Categories = Split(categories),
            Modes = Split(modes),
            Market = market,
            Communes = communes,
            Centre = latitude is { } lat && longitude is { } lon && radiusKm is not null ? new GeoPoint(lat, lon) : null,
            RadiusKm = radiusKm,
        };
    }

    static string Spaced(IReadOnlyList<string> slugs) => slugs.Count == 0 ? "" : $" {string.Join(' ', slugs)} ";

    static string[] Split(string spaced) => spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    internal static DateTime? NextDigest(AlertFrequency frequency, DateTime now) => frequency switch
    {
        AlertFrequency.Daily => now.AddDays(1),
        AlertFrequency.Weekly => now.AddDays(7),
        _ => null,
    };

    /// <summary>The wait after a digest before the next one.</summary>
    public static TimeSpan? DigestPeriod(AlertFrequency frequency) => frequency switch
    {
        AlertFrequency.Daily => TimeSpan.FromDays(1),
        AlertFrequency.Weekly => TimeSpan.FromDays(7),
        _ => null,
    };

    static string? CheckName(string? name, Dictionary<string, string[]> errors)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) errors["name"] = ["Donnez un nom à cette alerte."];
        else if (trimmed.Length > SavedSearchInput.MaxNameLength) errors["name"] = [$"Le nom ne peut dépasser {SavedSearchInput.MaxNameLength} caractères."];
        else if (trimmed.Any(char.IsControl)) errors["name"] = ["Le nom ne peut contenir de saut de ligne."];
        else return trimmed;
        return null;
    }

    static AlertFrequency CheckFrequency(string? frequency, Dictionary<string, string[]> errors)
    {
        if (Slug.TryParse<AlertFrequency>(frequency?.Trim(), out var parsed)) return parsed;
        errors["frequency"] = ["« frequency » doit valoir « instant », « daily » ou « weekly »."];
        return AlertFrequency.Daily;
    }

    internal static string NewSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
}
