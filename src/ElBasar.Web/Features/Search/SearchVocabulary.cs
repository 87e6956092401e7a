using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// The words of the index with the number of listings holding each: what typo correction
/// corrects towards (preferring frequent words) and how rare, so how telling, a word is.
/// </summary>
public sealed class SearchVocabulary(IReadOnlyDictionary<string, int> documentFrequency, int documentCount)
{
    public int DocumentCount { get; } = Math.Max(documentCount, 1);

    public bool Contains(string stem) => documentFrequency.ContainsKey(stem);

    public int DocumentFrequency(string stem) => documentFrequency.GetValueOrDefault(stem);

    /// <summary>How telling a word is: rare words weigh more than common ones.</summary>
    public double Idf(string stem) => Math.Log(1 + DocumentCount / (1.0 + DocumentFrequency(stem)));

    /// <summary>
    /// The index word nearest to <paramref name="stem"/>: one edit for short words, two for long
    /// ones (insertions, deletions, substitutions, swaps of neighbours); the most frequent wins.
    /// </summary>
    public string? Correct(string stem, string? word = null) => CorrectStem(stem) ?? (word is null ? null : CorrectRoot(word));

    // A typo in an ending ("comptabilté") changes how the word is stemmed: then look for an index
    // stem of five letters or more that the typed word nearly starts with, the longest first.
    string? CorrectRoot(string word)
    {
        if (word.Length < 6 || word.Any(char.IsAsciiDigit)) return null;
        string? best = null;
        var bestFrequency = 0;
        foreach (var (term, frequency) in documentFrequency)
        {
            if (term.Length < 5 || term.Length > word.Length || word.Length - term.Length > 7) continue;
            if (best is not null && (term.Length < best.Length || (term.Length == best.Length && frequency <= bestFrequency))) continue;
            if (EditDistance(term, word[..term.Length], 1) > 1) continue;
            (best, bestFrequency) = (term, frequency);
        }
        return best;
    }

    string? CorrectStem(string stem)
    {
        if (stem.Length < 4 || stem.Any(char.IsAsciiDigit)) return null;
        var maxDistance = stem.Length >= 7 ? 2 : 1;
        string? best = null;
        var (bestDistance, bestFrequency) = (int.MaxValue, 0);
        foreach (var (term, frequency) in documentFrequency)
        {
            if (Math.Abs(term.Length - stem.Length) > maxDistance) continue;
            var distance = EditDistance(stem, term, maxDistance);
            if (distance > maxDistance) continue;
            if (distance < bestDistance || (distance == bestDistance && frequency > bestFrequency))
                (best, bestDistance, bestFrequency) = (term, distance, frequency);
        }
        return best;
    }

    /// <summary>Optimal string alignment distance, giving up past <paramref name="max"/>.</summary>
    public static int EditDistance(string a, string b, int max)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max) return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }
}

/// <summary>
/// The vocabulary in memory. Only the first search waits for it; after a minute a search
/// starts a reload in the background and goes on with the words it has, so new listings bring
/// their words in soon enough for correction without any search paying for it.
/// </summary>
public sealed class SearchVocabularyCache(IServiceScopeFactory scopes, IListingTextMatch textMatch, TimeProvider clock)
{
    static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    // A load reads the whole index: a second or more with a million listings. Waiting fifty
    // times as long before the next keeps reloads under a few percent of the machine.
    const int LoadsBetweenReloads = 50;

    readonly SemaphoreSlim _loading = new(1, 1);
    volatile Snapshot? _current;

    sealed record Snapshot(SearchVocabulary Vocabulary, DateTimeOffset LoadedAt, TimeSpan ReloadAfter);

    public void Invalidate() => _current = null;

    public async ValueTask<SearchVocabulary> GetAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is null) return await ReloadAsync(wait: true, ct) ?? _current!.Vocabulary;
        // On the thread pool: some providers run "async" queries synchronously, in the search's own time.
        if (clock.GetUtcNow() - current.LoadedAt >= current.ReloadAfter && _loading.CurrentCount > 0)
            _ = Task.Run(() => ReloadAsync(wait: false, CancellationToken.None));
        return current.Vocabulary;
    }

    async Task<SearchVocabulary?> ReloadAsync(bool wait, CancellationToken ct)
    {
        if (wait) await _loading.WaitAsync(ct);
        else if (!await _loading.WaitAsync(0, ct)) return null;
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < fresh.ReloadAfter) return fresh.Vocabulary;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ElBasarDbContext>();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var vocabulary = await LoadAsync(db, ct);
            var reloadAfter = TimeSpan.FromTicks(Math.Max(MaxAge.Ticks, watch.Elapsed.Ticks * LoadsBetweenReloads));
            _current = new Snapshot(vocabulary, clock.GetUtcNow(), reloadAfter);
            return vocabulary;
        }
        finally
        {
            _loading.Release();
        }
    }

    async Task<SearchVocabulary> LoadAsync(ElBasarDbContext db, CancellationToken ct)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = textMatch.VocabularySql;
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) terms[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1));
            }
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COUNT(*) FROM listings";
                return new SearchVocabulary(terms, Convert.ToInt32(await count.ExecuteScalarAsync(ct)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
