using System.Collections.Concurrent;
using System.Globalization;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Remembers for a minute that a search matches more listings than it would count ("plus de 1 000"),
/// or more than its filters' counts are read for. Finding that out again is what a common word costs
/// most, and it stays true while listings come and go by the handful. A smaller count is never
/// remembered: a listing just published is counted at once. Each web node learns it for itself.
/// </summary>
public sealed class CrowdedSearches(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Enough for every search people run in a minute; past it, the expired go, or all of them.
    const int MaxEntries = 10_000;

    readonly ConcurrentDictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="query"/> was found, less than a minute ago, to match more than <paramref name="limit"/> listings.</summary>
    public bool Knows(ListingQuery query, int limit) =>
        _until.TryGetValue(Key(query, limit), out var until) && until > clock.GetUtcNow();

    /// <summary>Records that <paramref name="query"/> matches more than <paramref name="limit"/> listings.</summary>
    public void Remember(ListingQuery query, int limit)
    {
        var now = clock.GetUtcNow();
        if (_until.Count >= MaxEntries)
        {
            foreach (var (key, until) in _until)
                if (until <= now) _until.TryRemove(key, out _);
            if (_until.Count >= MaxEntries) _until.Clear();
        }
        _until[Key(query, limit)] = now + Lifetime;
    }

    // Everything that changes which listings match, and for whom; not the page, its size or the order.
    static string Key(ListingQuery q, int limit)
    {
        static string Ids(IEnumerable<Guid> ids) => string.Join(',', ids.Order());
        static string Texts(IEnumerable<string> values) => string.Join(',', values.Order(StringComparer.Ordinal));
        static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        var audience = q.Audience is not { } a ? "" : $"{a.PublicOnlyOfEveryNetwork}/{Ids(a.All)}/{Ids(a.Partners)}/{Ids(a.Public)}";
        return string.Join('|', limit, q.Text, q.Kind, Texts(q.Categories), Texts(q.Modes), q.Market,
            q.Territory ?? (q.CommuneCodes is { } communes ? Texts(communes) : "-"), Number(q.Latitude), Number(q.Longitude), Number(q.RadiusKm),
            q.AvailableFrom, q.AvailableTo, audience);
    }
}
