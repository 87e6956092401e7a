namespace ElBasar.Web.Features.Search;

/// <summary>
/// A question for the full-text index: every group must match (AND), a group matches when any of
/// its alternatives does (OR), an alternative when all its stems do (AND); optionally in titles only.
/// </summary>
public sealed record IndexQuery(IReadOnlyList<IReadOnlyList<string[]>> Groups, bool TitlesOnly = false)
{
    /// <summary>Listings holding any of these stems.</summary>
    public static IndexQuery Any(IEnumerable<string> stems) => new([stems.Select(s => new[] { s }).ToList()]);
}

/// <summary>
/// The provider-specific pieces of listing search: which rows are searched (exposed as <c>s</c>,
/// with the listing columns the filters read: <c>status, visibility, expires_at, organization_id,
/// kind, category, commune_insee, created_at, latitude, longitude</c>), how the full-text index is
/// joined and asked, and how its vocabulary is read. The ranking is done in C#
/// (<see cref="ListingRanking"/>), alike for both providers.
/// </summary>
public interface IListingTextMatch
{
    /// <summary>FROM clause of the searchable rows <c>s</c>, for searches without text.</summary>
    string Rows { get; }

    /// <summary>The listing id of <c>s</c>.</summary>
    string Id { get; }

    /// <summary>FROM clause of the rows <c>s</c> matching the index query in parameter <c>@match</c>, read from the index first.</summary>
    string MatchingRows { get; }

    /// <summary>The condition that completes <see cref="MatchingRows"/>.</summary>
    string Match { get; }

    /// <summary>The analysed title and description of a match (<c>search_title, search_body</c>), for the ranking.</summary>
    string SearchColumns { get; }

    /// <summary>A listing id as a SQL parameter compares it with <see cref="Id"/>.</summary>
    object IdValue(Guid id);

    /// <summary>The order the index gives for free: the listings indexed last first.</summary>
    string LatestIndexedFirst { get; }

    /// <summary>Statements (ending with ";") the first query of a search begins with, or an empty string.</summary>
    string Prepare { get; }

    /// <summary>A column of <c>s</c> the planner must not reach through an index, to keep the order of another.</summary>
    string Unindexed(string column);

    /// <summary>The exchange modes of <c>s</c> as one text, slugs separated by spaces.</summary>
    string Modes { get; }

    /// <summary>A condition on <c>s</c>: the listing has one of the exchange modes in these parameters.</summary>
    string HasAnyMode(IReadOnlyList<string> parameters);

    /// <summary>A condition on <c>s</c>: the listing has a market mode (or a non-market one) as this parameter says.</summary>
    string HasMarketMode(string parameter);

    /// <summary>The index query in the provider's syntax, for <c>@match</c>.</summary>
    string Expression(IndexQuery query);

    /// <summary>SQL returning each indexed word and the number of listings holding it.</summary>
    string VocabularySql { get; }
}

/// <summary>
/// SQLite FTS5 (migrations 0001, 0002, 0012). Rows come from <c>listing_search_rows</c>, a narrow copy of
/// the listing columns filters read (and its exchange modes), keyed like the index: checking the
/// filters on a match is one lookup in a small table in the order the index returns its matches,
/// not a read of the wide listing row by its text id.
/// </summary>
public sealed class SqliteListingTextMatch : IListingTextMatch
{
    public string Rows => "listing_search_rows s";

    public string Id => "s.listing_id";

    // CROSS JOIN fixes the join order: the index first, whatever the planner believes of the filters.
    public string MatchingRows => "listing_search CROSS JOIN listing_search_rows s ON s.key = listing_search.rowid";

    public string Match => "listing_search MATCH @match";

    // The index keeps its own copy of the search columns, read by key in the order of the matches.
    public string SearchColumns => "listing_search.title, listing_search.body";

    // EF Core stores GUIDs as upper-case text on SQLite.
    public object IdValue(Guid id) => id.ToString().ToUpperInvariant();

    public string LatestIndexedFirst => "listing_search.rowid DESC";

    public string Prepare => "";

    // listing_search_rows.modes holds " loan donation ": a search reads them on the row it already has.
    public string Modes => "s.modes";

    // SQLite's own way: a unary plus keeps a column out of index selection.
    public string Unindexed(string column) => "+" + column;

    public string HasAnyMode(IReadOnlyList<string> parameters) =>
        "(" + string.Join(" OR ", parameters.Select(p => $"instr(s.modes, ' ' || {p} || ' ') > 0")) + ")";

    public string HasMarketMode(string parameter) =>
        $"EXISTS (SELECT 1 FROM exchange_modes em WHERE em.market = {parameter} AND instr(s.modes, ' ' || em.slug || ' ') > 0)";

    // Stems are letters and digits only (SearchText), quoted so no FTS5 syntax can slip through.
    public string Expression(IndexQuery query)
    {
        var groups = string.Join(" AND ", query.Groups.Select(g => "(" + string.Join(" OR ", g.Select(Alternative)) + ")"));
        return query.TitlesOnly ? $"{{title}} : ({groups})" : groups;

        static string Alternative(string[] stems) => stems.Length == 1 ? $"\"{stems[0]}\"" : "(" + string.Join(" AND ", stems.Select(s => $"\"{s}\"")) + ")";
    }

    public string VocabularySql => "SELECT term, doc FROM listing_search_vocab";
}

/// <summary>PostgreSQL: the generated <c>search_vector</c> (weights A title, B description) behind a GIN index.</summary>
public sealed class PostgreSqlListingTextMatch : IListingTextMatch
{
    public string Rows => "listings s";

    public string Id => "s.id";

    public string MatchingRows => "listings s CROSS JOIN to_tsquery('elbasar', @match) AS tq";

    public string Match => "s.search_vector @@ tq";

    public string SearchColumns => "s.search_title, s.search_body";

    public object IdValue(Guid id) => id;

    // Version 7 ids grow with time: the primary key read backwards gives the latest listings first.
    public string LatestIndexedFirst => "s.id DESC";

    // Parallel workers, and compiling a plan to machine code, cost more than they save for queries of a few milliseconds.
    public string Prepare => "SET max_parallel_workers_per_gather = 0; SET jit = off; ";

    // PostgreSQL weighs both plans with its statistics and picks the order by date when it pays.
    public string Unindexed(string column) => column;

    public string Modes => "(SELECT string_agg(m.mode, ' ') FROM listing_exchange_modes m WHERE m.listing_id = s.id)";

    // OFFSET 0 keeps each EXISTS a lookup in the primary key of the listing's modes, row by row:
    // turned into a join, it would read every listing of a common mode (a sixth of all) first.
    public string HasAnyMode(IReadOnlyList<string> parameters) =>
        $"EXISTS (SELECT 1 FROM listing_exchange_modes m WHERE m.listing_id = s.id AND m.mode IN ({string.Join(", ", parameters)}) OFFSET 0)";

    public string HasMarketMode(string parameter) =>
        $"EXISTS (SELECT 1 FROM listing_exchange_modes m JOIN exchange_modes em ON em.slug = m.mode WHERE m.listing_id = s.id AND em.market = {parameter} OFFSET 0)";

    public string Expression(IndexQuery query)
    {
        var weight = query.TitlesOnly ? ":A" : "";
        return string.Join(" & ", query.Groups.Select(g => "(" + string.Join(" | ", g.Select(Alternative)) + ")"));

        string Alternative(string[] stems) => stems.Length == 1 ? $"'{stems[0]}'{weight}" : "(" + string.Join(" & ", stems.Select(s => $"'{s}'{weight}")) + ")";
    }

    public string VocabularySql => "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM listings')";
}
