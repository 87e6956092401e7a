namespace ElBasar.Web.Features.Search;

/// <summary>
/// The provider-specific piece of listing search: how the full-text index is joined, matched
/// and given a first relevance score, and how its vocabulary is read. The final ranking is done
/// in C# (<see cref="ListingRanking"/>), alike for both providers.
/// </summary>
public interface IListingTextMatch
{
    /// <summary>SQL that joins the index to <c>listings l</c> and exposes a relevance <c>t.score</c> (higher is better).</summary>
    string Join { get; }

    /// <summary>A condition to add to the WHERE clause, or null when the join already filters.</summary>
    string? Where { get; }

    /// <summary>The index query matching any of these stems.</summary>
    string Expression(IReadOnlyList<string> stems);

    /// <summary>SQL returning each indexed word and the number of listings holding it.</summary>
    string VocabularySql { get; }
}

/// <summary>SQLite FTS5 (migrations 0001, 0002): bm25 with the title weighing more than the description.</summary>
public sealed class SqliteListingTextMatch : IListingTextMatch
{
    public string Join =>
        """
        JOIN (SELECT k.listing_id AS id, -bm25(listing_search, 4.0, 1.0) AS score
              FROM listing_search JOIN listing_search_keys k ON k.key = listing_search.rowid
              WHERE listing_search MATCH @match) t ON t.id = l.id
        """;

    public string? Where => null;

    // Stems are letters and digits only (SearchText), quoted so no FTS5 syntax can slip through.
    public string Expression(IReadOnlyList<string> stems) => string.Join(" OR ", stems.Select(w => $"\"{w}\""));

    public string VocabularySql => "SELECT term, doc FROM listing_search_vocab";
}

/// <summary>PostgreSQL: the generated <c>search_vector</c> (weights A title, B description) behind a GIN index.</summary>
public sealed class PostgreSqlListingTextMatch : IListingTextMatch
{
    public string Join =>
        """
        CROSS JOIN to_tsquery('elbasar', @match) AS tq
        CROSS JOIN LATERAL (SELECT ts_rank('{0.1, 0.2, 0.4, 1.0}', l.search_vector, tq) AS score) t
        """;

    public string? Where => "l.search_vector @@ tq";

    public string Expression(IReadOnlyList<string> stems) => string.Join(" | ", stems.Select(w => $"'{w}'"));

    public string VocabularySql => "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM listings')";
}
