using System.Data.Common;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Searches the live public listings. The query is analysed in C# (<see cref="SearchAnalyzer"/>),
/// the database's own index finds a bounded set of candidates under the filters, and
/// <see cref="ListingRanking"/> orders them; without text, the newest (or nearest) come first.
/// Every query reads a bounded number of rows, whatever the size of the database: the count
/// stops at <see cref="CountLimit"/> and the candidates come from the index's cheapest order.
/// </summary>
public sealed class ListingSearch(
    ElBasarDbContext db, IListingTextMatch textMatch, ThesaurusCache thesauri, SearchVocabularyCache vocabularies, Networks.NetworkAudiences audiences,
    CrowdedSearches crowded, TimeProvider clock)
{
    /// <summary>Up to this many matches, every one is ranked; later pages follow the index's own order.</summary>
    public const int CandidateLimit = 400;

    /// <summary>How many listings a window of the index gives the ranking when there are more matches.</summary>
    public const int WindowSize = 100;

    /// <summary>
    /// Counting stops past this many listings: "plus de 1 000" says enough, and an exact count of
    /// a common word's tens of thousands of matches would read every one of them.
    /// </summary>
    public const int CountLimit = 1_000;

    /// <summary>The fewest rows a page's read asks for, whatever the page's size (see <see cref="ReadPageAsync"/>).</summary>
    const int SmallestRead = 10;

    /// <summary>
    /// One page of results. <paramref name="total"/>, when the caller already knows how many listings
    /// the query finds (the facets' counts), spares counting them again.
    /// </summary>
    public async Task<ListingPage> SearchAsync(ListingQuery query, CancellationToken ct = default, int? total = null)
    {
        query = await LocateAsync(query, ct);
        if (query.Audience is null) query = query with { Audience = await audiences.OutsideAsync(ct) };
        var now = clock.GetUtcNow().UtcDateTime;
        var analysis = await AnalyzeAsync(query, ct);
        var skip = (long)(query.Page - 1) * query.PageSize;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var (sql, filter, distance) = From(query, analysis, now);
            // Only "more than CountLimit" is known past it: the rest would cost a read of every match.
            var counted = total is { } known ? Math.Min(known, CountLimit + 1)
                : crowded.Knows(query, CountLimit) ? CountLimit + 1
                : await CountAsync(connection, sql, filter, CountLimit + 1, ct);
            if (counted > CountLimit) crowded.Remember(query, CountLimit);
            List<(Guid Id, double? Distance)> hits;
            if (counted <= skip) hits = [];
            else if (analysis.HasText && query.Sort == ListingSort.Relevance)
                hits = await RankAsync(connection, sql, filter, distance, analysis, counted, now, (int)skip, query.PageSize, ct);
            else if (!analysis.HasText && query.RadiusKm is not null && counted > CountLimit && query.Sort != ListingSort.Nearest)
            {
                // Many listings around the point: the newest of them are found sooner by going down the
                // dates and keeping those inside the circle than by sorting everything inside it.
                (sql, filter, distance) = From(query, analysis, now, boxIndexed: false);
                hits = await ReadPageAsync(connection, sql, filter, distance, Order(query), skip, query.PageSize, ct);
            }
            else if (query.Sort == ListingSort.Nearest && query.RadiusKm is { } radius && counted > CountLimit)
            {
                // Many listings around the point: when a smaller circle holds enough of them for the
                // page, the nearest are all in it, and only those need sorting by distance.
                var needed = (int)Math.Min(skip + query.PageSize, CountLimit);
                for (var smaller = radius / 16; smaller < radius; smaller *= 2)
                {
                    var (narrowSql, narrowFilter, _) = From(query with { RadiusKm = smaller }, analysis, now);
                    if (await CountAsync(connection, narrowSql, narrowFilter, needed, ct) < needed) continue;
                    (sql, filter, distance) = From(query with { RadiusKm = smaller }, analysis, now);
                    break;
                }
                hits = await ReadPageAsync(connection, sql, filter, distance, Order(query), skip, query.PageSize, ct);
            }
            else
                hits = await ReadPageAsync(connection, sql, filter, distance, Order(query), skip, query.PageSize, ct);
            var items = await SummariesAsync(hits, ct);
            return new ListingPage(Math.Min(counted, CountLimit), query.Page, query.PageSize, items)
            {
                TotalIsCapped = counted > CountLimit,
                CorrectedQuery = Corrected(query.Text, analysis, items),
                MatchedStems = analysis.AllStems,
            };
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The listings the query's words and place find, whatever its kind, category, mode and market
    /// filters, grouped by kind, category and exchange modes: one read gives every filter's count.
    /// Null when more than <paramref name="limit"/> listings match, rather than reading them all.
    /// </summary>
    public async Task<IReadOnlyList<FacetGroup>?> FacetGroupsAsync(ListingQuery query, int limit, CancellationToken ct = default)
    {
        query = await LocateAsync(query with { Kind = null, Categories = [], Modes = [], Market = null }, ct);
        if (query.Audience is null) query = query with { Audience = await audiences.OutsideAsync(ct) };
        if (crowded.Knows(query, limit)) return null;
        var analysis = await AnalyzeAsync(query, ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var (sql, filter, _) = From(query, analysis, clock.GetUtcNow().UtcDateTime);
            await using var command = sql.Command(connection,
                $"{textMatch.Prepare}SELECT kind, category, modes, COUNT(*) FROM (SELECT s.kind, s.category, {textMatch.Modes} AS modes {filter} LIMIT {limit + 1}) f GROUP BY kind, category, modes");
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                if (reader.FieldCount < 4) continue;
                var groups = new List<FacetGroup>();
                while (await reader.ReadAsync(ct))
                {
                    var modes = reader.IsDBNull(2) ? [] : reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    groups.Add(new FacetGroup(Slug.Parse<ListingKind>(reader.GetString(0)), reader.GetString(1), modes, Convert.ToInt32(reader.GetValue(3))));
                }
                if (groups.Sum(g => g.Count) <= limit) return groups;
                crowded.Remember(query, limit);
                return null;
            } while (await reader.NextResultAsync(ct));
            return [];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task<AnalyzedQuery> AnalyzeAsync(ListingQuery query, CancellationToken ct) => query.Text.Length == 0
        ? new AnalyzedQuery([], null, [])
        : SearchAnalyzer.AnalyzeQuery(query.Text, await thesauri.GetAsync(ct), await vocabularies.GetAsync(ct));

    /// <summary>The rows a query finds (any of its words, and its filters) and the distance to its point.</summary>
    (SqlBuilder Sql, Source Filter, string Distance) From(ListingQuery query, AnalyzedQuery analysis, DateTime now, bool boxIndexed = true)
    {
        var sql = new SqlBuilder();
        var where = new List<string>();
        if (analysis.HasText)
        {
            where.Add(textMatch.Match);
            sql.Set("@match", textMatch.Expression(IndexQuery.Any(analysis.AllStems)));
        }
        AddConditions(query, sql, where, now, boxIndexed, out var distance);
        return (sql, new Source(analysis.HasText ? textMatch.MatchingRows : textMatch.Rows, string.Join(" AND ", where)), distance);
    }

    /// <summary>
    /// A radius around a commune is measured from the centre of the places known in it (the
    /// administrative split carries no coordinates); a commune with none known is searched as such.
    /// </summary>
    public async Task<ListingQuery> LocateAsync(ListingQuery query, CancellationToken ct)
    {
        if (query.HasPoint || query.RadiusCommune is not { } commune) return query;
        var points = await db.Organizations.AsNoTracking()
            .Where(o => o.CommuneInsee == commune.Code && o.Latitude != null && o.Longitude != null)
            .Select(o => new { o.Latitude, o.Longitude })
            .Concat(db.Listings.AsNoTracking()
                .Where(l => l.CommuneInsee == commune.Code && l.Latitude != null && l.Longitude != null)
                .Select(l => new { l.Latitude, l.Longitude }))
            .Take(500)
            .ToListAsync(ct);
        if (points.Count == 0) return query with { RadiusKm = null, CommuneCodes = [commune.Code] };
        return query with { Latitude = points.Average(p => p.Latitude), Longitude = points.Average(p => p.Longitude) };
    }

    // Conditions on the searchable rows "s": live and public first, then the person's filters.
    void AddConditions(ListingQuery query, SqlBuilder sql, List<string> where, DateTime now, bool boxIndexed, out string distance)
    {
        where.Add("s.status = 'published'");
        where.Add(Visible(query.Audience!, sql));
        where.Add($"(s.expires_at IS NULL OR s.expires_at > {sql.Add(now)})");
        // A hidden organisation's listings leave every list with it. Hidden organisations are few and
        // have their own partial index (migration 0012): their short list, read once a query, costs
        // each row less than looking up its organisation.
        where.Add("s.organization_id NOT IN (SELECT o.id FROM organizations o WHERE o.status <> 'active')");
        if (query.Kind is { } kind) where.Add($"s.kind = {sql.Add(Slug.Of(kind))}");
        if (query.Categories.Count > 0) where.Add($"s.category IN ({sql.AddList(query.Categories)})");
        if (query.Modes.Count > 0) where.Add(textMatch.HasAnyMode(query.Modes.Select(m => sql.Add(m)).ToList()));
        if (query.Market is { } market) where.Add(textMatch.HasMarketMode(sql.Add(market)));
        if (query.CommuneCodes is { } communes)
            where.Add(communes.Count == 0 ? "1 = 0" : $"s.commune_insee IN ({sql.AddList(communes)})");
        if (query.AvailableFrom is { } availableFrom && query.AvailableTo is { } availableTo)
        {
            var sqlite = !db.Database.IsNpgsql();
            where.Add(Lending.LendingAvailability.Condition(textMatch.Id,
                sql.Add(Lending.LendingAvailability.Parameter(availableFrom, sqlite)), sql.Add(Lending.LendingAvailability.Parameter(availableTo, sqlite))));
        }

        distance = "NULL";
        if (!query.HasPoint) return;
        var (lat, lon) = (sql.Add(query.Latitude!.Value), sql.Add(query.Longitude!.Value));
        distance = $"elbasar_distance_km({lat}, {lon}, s.latitude, s.longitude)";
        if (query.RadiusKm is not { } radius) return;
        // The box is cheap and indexed; the exact distance only runs on what falls inside it.
        var box = GeoPoint.BoundingBox(new GeoPoint(query.Latitude.Value, query.Longitude.Value), radius);
        var latitude = boxIndexed ? "s.latitude" : textMatch.Unindexed("s.latitude");
        where.Add($"{latitude} BETWEEN {sql.Add(box.MinLat)} AND {sql.Add(box.MaxLat)}");
        where.Add($"s.longitude BETWEEN {sql.Add(box.MinLon)} AND {sql.Add(box.MaxLon)}");
        where.Add($"{distance} <= {sql.Add(radius)}");
    }

    // The audience's networks and visibilities. SQLite's narrow search rows carry no network: a key lookup finds it.
    string Visible(ListingAudience audience, SqlBuilder sql)
    {
        if (audience.PublicOnlyOfEveryNetwork) return "s.visibility = 'everyone'";
        var network = db.Database.IsNpgsql() ? "s.network_id" : "(SELECT l.network_id FROM listings l WHERE l.id = s.listing_id)";
        string In(IReadOnlyList<Guid> ids) => $"{network} IN ({string.Join(", ", ids.Select(id => sql.Add(textMatch.IdValue(id))))})";
        var any = new List<string>();
        if (audience.All.Count > 0) any.Add(In(audience.All));
        if (audience.Partners.Count > 0) any.Add($"({In(audience.Partners)} AND s.visibility <> 'network')");
        if (audience.Public.Count > 0) any.Add($"({In(audience.Public)} AND s.visibility = 'everyone')");
        return any.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", any) + ")";
    }

    static string Order(ListingQuery query) => query.Sort == ListingSort.Nearest && query.HasPoint
        ? "(s.latitude IS NULL), 2, s.created_at DESC"
        : "s.created_at DESC";

    /// <summary>
    /// Ranks the candidates in C#. With few matches, every one is a candidate. With many, ranking
    /// them all would read every match, so the candidates come from windows of the index, each
    /// the latest <see cref="WindowSize"/> listings of a question looser than the one before:
    /// every concept, then the rarest concepts, then any word. A listing holding every concept
    /// outranks any holding fewer, so the first full window ends the search for candidates.
    /// </summary>
    async Task<List<(Guid, double?)>> RankAsync(DbConnection connection, SqlBuilder sql, Source filter, string distance,
        AnalyzedQuery analysis, int counted, DateTime now, int skip, int take, CancellationToken ct)
    {
        var ranking = new ListingRanking(analysis, await vocabularies.GetAsync(ct), now);
        var candidates = new Dictionary<Guid, ListingRanking.Candidate>();
        var select = $"SELECT {textMatch.Id}, {textMatch.SearchColumns}, s.kind, s.created_at, {distance} {filter}";
        var latest = $"ORDER BY {textMatch.LatestIndexedFirst} LIMIT {WindowSize}";
        if (counted <= CandidateLimit)
        {
            await ReadCandidatesAsync(connection, sql, select, candidates, ct);
        }
        else
        {
            var asked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var window in Windows(analysis, ranking.ConceptWeights))
            {
                if (!asked.Add(sql.Set("@match", textMatch.Expression(window)))) continue;
                if (await ReadCandidatesAsync(connection, sql, $"{select} {latest}", candidates, ct) < WindowSize) continue;
                // Listings with the words typed in their titles rank first. When few in the window
                // have them, the latest that do may be older than the window: ask for them too. (The
                // rule does not depend on the page asked for, so pages never overlap.)
                var inTitles = window.Groups.Count == analysis.Concepts.Count
                    && candidates.Values.Count(c => OwnWordsInTitle(analysis, c.SearchTitle)) < WindowSize / 4;
                if (inTitles && asked.Add(sql.Set("@match", textMatch.Expression(OwnWordsInTitles(analysis)))))
                    await ReadCandidatesAsync(connection, sql, $"{select} {latest}", candidates, ct);
                break;
            }
        }

        var ranked = candidates.Values
            .Select(c => (Candidate: c, Score: ranking.Score(c)))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Candidate.CreatedAt).ThenByDescending(c => c.Candidate.Id)
            .Select(c => (c.Candidate.Id, c.Candidate.DistanceKm is { } km ? Math.Round(km, 1) : (double?)null))
            .ToList();
        var hits = ranked.Skip(skip).Take(take).ToList();
        if (hits.Count == take || counted <= ranked.Count) return hits;

        // Past the ranked candidates, the other matches follow in the index's order.
        sql.Set("@match", textMatch.Expression(IndexQuery.Any(analysis.AllStems)));
        var rest = filter with { Where = $"{filter.Where} AND {textMatch.Id} NOT IN ({string.Join(", ", ranked.Select(r => sql.Add(textMatch.IdValue(r.Id))))})" };
        hits.AddRange(await ReadPageAsync(connection, sql, rest, distance, textMatch.LatestIndexedFirst,
            Math.Max(0, skip - ranked.Count), take - hits.Count, ct));
        return hits;
    }

    /// <summary>The index's windows, strictest first; the last one (any word) is every match.</summary>
    static IEnumerable<IndexQuery> Windows(AnalyzedQuery analysis, IReadOnlyList<double> weights)
    {
        var concepts = analysis.Concepts;
        var byWeight = Enumerable.Range(0, concepts.Count).OrderByDescending(i => weights[i]).ThenBy(i => i).ToList();
        // Every concept, then fewer, keeping the rarest: a few steps only, so a long sentence asks a few questions.
        foreach (var count in new[] { concepts.Count, concepts.Count - 1, (concepts.Count + 1) / 2, 1 }.Where(n => n >= 1).Distinct())
        {
            var kept = byWeight.Take(count).Order().Select(i => (IReadOnlyList<string[]>)concepts[i].Alternatives.Select(a => a.Stems).ToList()).ToList();
            yield return new IndexQuery(kept);
        }
        yield return IndexQuery.Any(analysis.AllStems);
    }

    /// <summary>Every concept in the words the person typed (or their correction), in titles.</summary>
    static IndexQuery OwnWordsInTitles(AnalyzedQuery analysis) =>
        new(analysis.Concepts.Select(c => (IReadOnlyList<string[]>)[c.Alternatives[0].Stems]).ToList(), TitlesOnly: true);

    static bool OwnWordsInTitle(AnalyzedQuery analysis, string searchTitle)
    {
        var words = searchTitle.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return analysis.Concepts.All(c => c.Alternatives[0].Stems.All(words.Contains));
    }

    /// <summary>How many rows the source gives, counting no further than <paramref name="limit"/>.</summary>
    async Task<int> CountAsync(DbConnection connection, SqlBuilder sql, Source filter, int limit, CancellationToken ct) =>
        Convert.ToInt32(await sql.ScalarAsync(connection, $"{textMatch.Prepare}SELECT COUNT(*) FROM (SELECT 1 {filter} LIMIT {limit}) c", ct));

    /// <summary>Adds the rows not seen yet, while there is room for them; returns how many rows the query gave.</summary>
    static async Task<int> ReadCandidatesAsync(DbConnection connection, SqlBuilder sql, string text,
        Dictionary<Guid, ListingRanking.Candidate> candidates, CancellationToken ct)
    {
        await using var command = sql.Command(connection, text);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var read = 0;
        while (await reader.ReadAsync(ct))
        {
            read++;
            var id = reader.GetGuid(0);
            if (candidates.Count >= CandidateLimit || candidates.ContainsKey(id)) continue;
            candidates[id] = new ListingRanking.Candidate(id, reader.GetString(1), reader.GetString(2), reader.GetString(3),
                DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), reader.IsDBNull(5) ? null : reader.GetDouble(5));
        }
        return read;
    }

    async Task<List<(Guid, double?)>> ReadPageAsync(DbConnection connection, SqlBuilder sql, Source filter, string distance,
        string order, long skip, int take, CancellationToken ct)
    {
        var hits = new List<(Guid, double?)>();
        // Asked for one or two rows without statistics, SQLite's planner sorts every match instead of going down the
        // date index (0.6 s at a million listings, against nothing for three rows or more): ask for a few, keep the page.
        await using var command = sql.Command(connection,
            $"SELECT {textMatch.Id}, {distance} {filter} ORDER BY {order} LIMIT {Math.Max(take, SmallestRead)} OFFSET {skip}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (hits.Count < take && await reader.ReadAsync(ct))
            hits.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : Math.Round(reader.GetDouble(1), 1)));
        return hits;
    }

    async Task<IReadOnlyList<ListingSummary>> SummariesAsync(List<(Guid Id, double? Distance)> hits, CancellationToken ct)
    {
        if (hits.Count == 0) return [];
        var ids = hits.Select(h => h.Id).ToList();
        var rows = await ListingSummaries.Project(db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id)))
            .ToDictionaryAsync(s => s.Id, ct);
        return hits.Where(h => rows.ContainsKey(h.Id)).Select(h => rows[h.Id] with { DistanceKm = h.Distance }).ToList();
    }

    /// <summary>
    /// "Résultats pour « tonnelles »": the query with each corrected word replaced by the form
    /// the best results use (the index holds stems, the results hold words).
    /// </summary>
    static string? Corrected(string text, AnalyzedQuery analysis, IReadOnlyList<ListingSummary> items)
    {
        if (analysis.CorrectedStems.Count == 0) return null;
        var words = SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var shown = items.SelectMany(i => SearchText.Words($"{i.Title} {i.Excerpt}")).ToList();
        foreach (var stem in analysis.CorrectedStems)
        {
            var surface = shown.FirstOrDefault(w => FrenchStemmer.Stem(w) == stem) ?? stem;
            var index = words.FindIndex(w => !analysis.AllStems.Contains(FrenchStemmer.Stem(w)) && SearchVocabulary.EditDistance(FrenchStemmer.Stem(w), stem, 2) <= 2);
            if (index >= 0) words[index] = surface;
        }
        return string.Join(' ', words);
    }

    /// <summary>The FROM and WHERE of a search, apart so conditions can be added.</summary>
    sealed record Source(string From, string Where)
    {
        public override string ToString() => $"FROM {From} WHERE {Where}";
    }

    /// <summary>Named parameters for provider-neutral SQL.</summary>
    sealed class SqlBuilder
    {
        readonly List<(string Name, object Value)> _parameters = [];

        public string Add(object value)
        {
            var name = $"@p{_parameters.Count}";
            _parameters.Add((name, value));
            return name;
        }

        /// <summary>Gives a named parameter its value, added or replaced; returns the value.</summary>
        public string Set(string name, string value)
        {
            _parameters.RemoveAll(p => p.Name == name);
            _parameters.Add((name, value));
            return value;
        }

        public string AddList(IEnumerable<string> values) => string.Join(", ", values.Select(v => Add(v)));

        public DbCommand Command(DbConnection connection, string text)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            foreach (var (name, value) in _parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return command;
        }

        /// <summary>The first value of the first row, past statements that return none.</summary>
        public async Task<object?> ScalarAsync(DbConnection connection, string text, CancellationToken ct)
        {
            await using var command = Command(connection, text);
            await using var reader = await command.ExecuteReaderAsync(ct);
            do
            {
                if (await reader.ReadAsync(ct)) return reader.GetValue(0);
            } while (await reader.NextResultAsync(ct));
            return null;
        }
    }
}

/// <summary>The projection shared by search results and listing lists.</summary>
public static class ListingSummaries
{
    public static IQueryable<ListingSummary> Project(IQueryable<Listing> listings) =>
        listings.Select(l => new ListingSummary(
            l.Id, l.ExternalId, l.Kind == ListingKind.Offer ? "offer" : "demand", l.Title, l.Category,
            l.ExchangeModes.Select(m => m.Mode).ToList(),
            new OrganizationRef(l.OrganizationId, l.Organization!.Name),
            l.Commune, null, l.CreatedAt)
        {
            Excerpt = l.Description == null ? null : l.Description.Substring(0, Math.Min(l.Description.Length, 220)),
            Price = l.Price,
            Latitude = l.Latitude,
            Longitude = l.Longitude,
            // One lookup per card in ix_listing_photos_listing_id_position, inside the same query.
            PhotoId = l.Photos.OrderBy(p => p.Position).Select(p => (Guid?)p.Id).FirstOrDefault(),
        });
}
