using System.Data.Common;
using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Searches the live public listings. The query is analysed in C# (<see cref="SearchAnalyzer"/>),
/// the database's own index finds a bounded set of the best candidates under the filters, and
/// <see cref="ListingRanking"/> orders them; without text, the newest (or nearest) come first.
/// </summary>
public sealed class ListingSearch(
    ElBasarDbContext db, IListingTextMatch textMatch, ThesaurusCache thesauri, SearchVocabularyCache vocabularies, TimeProvider clock)
{
    /// <summary>How many of the index's best matches are ranked in C#; later pages follow the index's own order.</summary>
    public const int CandidateLimit = 400;

    public async Task<ListingPage> SearchAsync(ListingQuery query, CancellationToken ct = default)
    {
        query = await LocateAsync(query, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var analysis = query.Text.Length == 0
            ? new AnalyzedQuery([], null, [])
            : SearchAnalyzer.AnalyzeQuery(query.Text, await thesauri.GetAsync(ct), await vocabularies.GetAsync(ct));

        var sql = new SqlBuilder();
        var from = new StringBuilder("FROM listings l ");
        var where = new List<string>
        {
            "l.status = 'published'",
            "l.visibility = 'everyone'",
            $"(l.expires_at IS NULL OR l.expires_at > {sql.Add(now)})",
            // A hidden organisation's listings leave every list with it.
            "EXISTS (SELECT 1 FROM organizations o WHERE o.id = l.organization_id AND o.status = 'active')",
        };
        if (analysis.HasText)
        {
            from.Append(textMatch.Join);
            sql.Add(textMatch.Expression(analysis.AllStems), "@match");
            if (textMatch.Where is { } match) where.Add(match);
        }
        AddFilters(query, sql, where, out var distance);

        var filter = $"{from} WHERE {string.Join(" AND ", where)}";
        var skip = (query.Page - 1) * query.PageSize;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var total = Convert.ToInt32(await sql.ScalarAsync(connection, $"SELECT COUNT(*) {filter}", ct));
            List<(Guid Id, double? Distance)> hits;
            if (total <= skip) hits = [];
            else if (analysis.HasText && query.Sort == ListingSort.Relevance && skip < CandidateLimit)
                hits = await RankAsync(connection, sql, filter, distance, analysis, now, skip, query.PageSize, ct);
            else
                hits = await ReadPageAsync(connection, sql, filter, distance, Order(query, analysis), skip, query.PageSize, ct);
            var items = await SummariesAsync(hits, ct);
            return new ListingPage(total, query.Page, query.PageSize, items)
            {
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
    /// A radius around a commune is measured from the centre of the places known in it (the
    /// administrative split carries no coordinates); a commune with none known is searched as such.
    /// </summary>
    async Task<ListingQuery> LocateAsync(ListingQuery query, CancellationToken ct)
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

    static void AddFilters(ListingQuery query, SqlBuilder sql, List<string> where, out string distance)
    {
        if (query.Kind is { } kind) where.Add($"l.kind = {sql.Add(Slug.Of(kind))}");
        if (query.Categories.Count > 0) where.Add($"l.category IN ({sql.AddList(query.Categories)})");
        if (query.Modes.Count > 0)
            where.Add($"EXISTS (SELECT 1 FROM listing_exchange_modes m WHERE m.listing_id = l.id AND m.mode IN ({sql.AddList(query.Modes)}))");
        if (query.Market is { } market)
            where.Add($"EXISTS (SELECT 1 FROM listing_exchange_modes m JOIN exchange_modes em ON em.slug = m.mode WHERE m.listing_id = l.id AND em.market = {sql.Add(market)})");
        if (query.CommuneCodes is { } communes)
            where.Add(communes.Count == 0 ? "1 = 0" : $"l.commune_insee IN ({sql.AddList(communes)})");

        distance = "NULL";
        if (!query.HasPoint) return;
        var (lat, lon) = (sql.Add(query.Latitude!.Value), sql.Add(query.Longitude!.Value));
        distance = $"elbasar_distance_km({lat}, {lon}, l.latitude, l.longitude)";
        if (query.RadiusKm is not { } radius) return;
        // The box is cheap and indexed; the exact distance only runs on what falls inside it.
        var box = GeoPoint.BoundingBox(new GeoPoint(query.Latitude.Value, query.Longitude.Value), radius);
        where.Add($"l.latitude BETWEEN {sql.Add(box.MinLat)} AND {sql.Add(box.MaxLat)}");
        where.Add($"l.longitude BETWEEN {sql.Add(box.MinLon)} AND {sql.Add(box.MaxLon)}");
        where.Add($"{distance} <= {sql.Add(radius)}");
    }

    static string Order(ListingQuery query, AnalyzedQuery analysis) => query.Sort switch
    {
        ListingSort.Nearest when query.HasPoint => "(l.latitude IS NULL), 2, l.created_at DESC",
        ListingSort.Relevance when analysis.HasText => "t.score DESC, l.created_at DESC",
        _ => "l.created_at DESC",
    };

    async Task<List<(Guid, double?)>> RankAsync(DbConnection connection, SqlBuilder sql, string filter, string distance,
        AnalyzedQuery analysis, DateTime now, int skip, int take, CancellationToken ct)
    {
        var candidates = new List<ListingRanking.Candidate>();
        await using (var command = sql.Command(connection,
            $"SELECT l.id, l.search_title, l.search_body, l.kind, l.created_at, {distance} {filter} ORDER BY t.score DESC LIMIT {CandidateLimit}"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                candidates.Add(new ListingRanking.Candidate(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    DateTime.SpecifyKind(reader.GetDateTime(4), DateTimeKind.Utc), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
            }
        }
        var ranking = new ListingRanking(analysis, await vocabularies.GetAsync(ct), now);
        return candidates
            .Select(c => (Candidate: c, Score: ranking.Score(c)))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Candidate.CreatedAt)
            .Skip(skip).Take(take)
            .Select(c => (c.Candidate.Id, c.Candidate.DistanceKm is { } km ? Math.Round(km, 1) : (double?)null))
            .ToList();
    }

    static async Task<List<(Guid, double?)>> ReadPageAsync(DbConnection connection, SqlBuilder sql, string filter, string distance,
        string order, int skip, int take, CancellationToken ct)
    {
        var hits = new List<(Guid, double?)>();
        await using var command = sql.Command(connection, $"SELECT l.id, {distance} {filter} ORDER BY {order} LIMIT {take} OFFSET {skip}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
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

    /// <summary>Positional parameters for provider-neutral SQL.</summary>
    sealed class SqlBuilder
    {
        readonly List<(string Name, object Value)> _parameters = [];

        public string Add(object value, string? name = null)
        {
            name ??= $"@p{_parameters.Count}";
            _parameters.Add((name, value));
            return name;
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

        public async Task<object?> ScalarAsync(DbConnection connection, string text, CancellationToken ct)
        {
            await using var command = Command(connection, text);
            return await command.ExecuteScalarAsync(ct);
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
        });
}
