using System.Data.Common;
using System.Text;
using ElBasar.Web.Features.Directory;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using ElBasar.Web.Infrastructure.Geo;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Search;

/// <summary>
/// Searches the live public listings: full text through the database's own index, filters that
/// only narrow the set, best match first when there is text, newest first otherwise.
/// </summary>
public sealed class ListingSearch(ElBasarDbContext db, IListingTextMatch textMatch, TimeProvider clock)
{
    public async Task<ListingPage> SearchAsync(ListingQuery query, CancellationToken ct = default)
    {
        var words = SearchText.QueryWords(query.Text);
        var sql = new SqlBuilder();
        var from = new StringBuilder("FROM listings l ");
        var where = new List<string>
        {
            "l.status = 'published'",
            "l.visibility = 'everyone'",
            // A hidden organisation's listings leave every list with it.
            "EXISTS (SELECT 1 FROM organizations o WHERE o.id = l.organization_id AND o.status = 'active')",
            $"(l.expires_at IS NULL OR l.expires_at > {sql.Add(clock.GetUtcNow().UtcDateTime)})",
        };
        if (words.Count > 0)
        {
            from.Append(textMatch.Join);
            sql.Add(textMatch.Expression(words), "@match");
            if (textMatch is PostgreSqlListingTextMatch) where.Add(PostgreSqlListingTextMatch.Where);
        }
        if (query.Kind is { } kind) where.Add($"l.kind = {sql.Add(Slug.Of(kind))}");
        if (query.Categories.Count > 0) where.Add($"l.category IN ({sql.AddList(query.Categories)})");
        if (query.Modes.Count > 0)
            where.Add($"EXISTS (SELECT 1 FROM listing_exchange_modes m WHERE m.listing_id = l.id AND m.mode IN ({sql.AddList(query.Modes)}))");
        if (query.Market is { } market)
            where.Add($"EXISTS (SELECT 1 FROM listing_exchange_modes m JOIN exchange_modes em ON em.slug = m.mode WHERE m.listing_id = l.id AND em.market = {sql.Add(market)})");

        var distance = "NULL";
        if (query.HasPoint)
        {
            var (lat, lon) = (sql.Add(query.Latitude!.Value), sql.Add(query.Longitude!.Value));
            distance = $"elbasar_distance_km({lat}, {lon}, l.latitude, l.longitude)";
            if (query.RadiusKm is { } radius)
            {
                // The box is cheap and indexed; the exact distance only runs on what falls inside it.
                var box = GeoPoint.BoundingBox(new GeoPoint(query.Latitude.Value, query.Longitude.Value), radius);
                where.Add($"l.latitude BETWEEN {sql.Add(box.MinLat)} AND {sql.Add(box.MaxLat)}");
                where.Add($"l.longitude BETWEEN {sql.Add(box.MinLon)} AND {sql.Add(box.MaxLon)}");
                where.Add($"{distance} <= {sql.Add(radius)}");
            }
        }

        var filter = $"{from} WHERE {string.Join(" AND ", where)}";
        var order = words.Count > 0 ? "t.score DESC, l.created_at DESC" : "l.created_at DESC";
        var skip = (query.Page - 1) * query.PageSize;

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var total = Convert.ToInt32(await sql.ScalarAsync(connection, $"SELECT COUNT(*) {filter}", ct));
            var hits = new List<(Guid Id, double? Distance)>();
            if (total > skip)
            {
                await using var command = sql.Command(connection,
                    $"SELECT l.id, {distance} {filter} ORDER BY {order} LIMIT {query.PageSize} OFFSET {skip}");
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    hits.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : Math.Round(reader.GetDouble(1), 1)));
            }
            return new ListingPage(total, query.Page, query.PageSize, await SummariesAsync(hits, ct));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    async Task<IReadOnlyList<ListingSummary>> SummariesAsync(List<(Guid Id, double? Distance)> hits, CancellationToken ct)
    {
        if (hits.Count == 0) return [];
        var ids = hits.Select(h => h.Id).ToList();
        var rows = await ListingSummaries.Project(db.Listings.AsNoTracking().Where(l => ids.Contains(l.Id)))
            .ToDictionaryAsync(s => s.Id, ct);
        return hits.Where(h => rows.ContainsKey(h.Id)).Select(h => rows[h.Id] with { DistanceKm = h.Distance }).ToList();
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
        });
}
