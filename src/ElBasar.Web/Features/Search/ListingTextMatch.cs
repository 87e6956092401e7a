namespace ElBasar.Web.Features.Search;

/// <summary>
/// The one provider-specific piece of listing search: how the full-text index is joined,
/// matched and ranked. Everything else of the query is shared SQL.
/// </summary>
public interface IListingTextMatch
{
    /// <summary>SQL that joins the index to <c>listings l</c> and exposes a relevance <c>score</c> (higher is better).</summary>
    string Join { get; }

    /// <summary>The index query for these words (any of them; the ranking favours listings with more).</summary>
    string Expression(IReadOnlyList<string> words);

    /// <summary>
    /// Words long enough also match as prefixes, so "velo" finds "vélos" and a word being typed
    /// already finds something; short words stay exact, or "de" would match half the index.
    /// </summary>
    static bool MatchesAsPrefix(string word) => word.Length >= 4;
}

/// <summary>SQLite FTS5 (migration 0001): bm25 with the title weighing more than the description.</summary>
public sealed class SqliteListingTextMatch : IListingTextMatch
{
    public string Join =>
        """
        JOIN (SELECT k.listing_id AS id, -bm25(listing_search, 4.0, 1.0) AS score
              FROM listing_search JOIN listing_search_keys k ON k.key = listing_search.rowid
              WHERE listing_search MATCH @match) t ON t.id = l.id
        """;

    // Words are letters and digits only (SearchText), quoted so no FTS5 syntax can slip through.
    public string Expression(IReadOnlyList<string> words) =>
        string.Join(" OR ", words.Select(w => IListingTextMatch.MatchesAsPrefix(w) ? $"\"{w}\"*" : $"\"{w}\""));
}

/// <summary>PostgreSQL: the generated <c>search_vector</c> (weights A title, B description) behind a GIN index.</summary>
public sealed class PostgreSqlListingTextMatch : IListingTextMatch
{
    public string Join =>
        """
        CROSS JOIN to_tsquery('elbasar', @match) AS tq
        CROSS JOIN LATERAL (SELECT ts_rank('{0.1, 0.2, 0.4, 1.0}', l.search_vector, tq) AS score) t
        """;

    public string Expression(IReadOnlyList<string> words) =>
        string.Join(" | ", words.Select(w => IListingTextMatch.MatchesAsPrefix(w) ? $"'{w}':*" : $"'{w}'"));

    public static string Where => "l.search_vector @@ tq";
}
