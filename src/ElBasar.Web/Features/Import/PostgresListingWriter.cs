using System.Data.Common;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// PostgreSQL: new listings and their modes go in by binary COPY, straight into the tables (the row triggers
/// of the feed and the alerts fire for COPY as for INSERT, and the search vector is a generated column);
/// updates and removed modes are one statement a batch over arrays (<c>unnest</c>). Each round trip carries
/// the whole batch, where EF sent a few hundred statements.
/// </summary>
sealed class PostgresListingWriter(ElBasarDbContext db) : ListingWriter
{
    readonly NpgsqlConnection _connection = (NpgsqlConnection)db.Database.GetDbConnection();

    const string CopyListings =
        "COPY listings (id, external_id, network_id, organization_id, kind, title, description, category, price, commune_insee, " +
        "commune, latitude, longitude, status, visibility, created_at, updated_at, expires_at, search_title, search_body, search_version) " +
        "FROM STDIN (FORMAT BINARY)";

    const string CopyModes = "COPY listing_exchange_modes (listing_id, mode) FROM STDIN (FORMAT BINARY)";

    const string UpdateListings = """
        UPDATE listings AS l SET organization_id = u.organization_id, kind = u.kind, title = u.title, description = u.description,
            category = u.category, price = u.price, commune_insee = u.commune_insee, commune = u.commune, latitude = u.latitude,
            longitude = u.longitude, created_at = u.created_at, updated_at = u.updated_at, expires_at = u.expires_at,
            search_title = CASE WHEN u.text_changed THEN u.search_title ELSE l.search_title END,
            search_body = CASE WHEN u.text_changed THEN u.search_body ELSE l.search_body END,
            search_version = CASE WHEN u.text_changed THEN u.search_version ELSE l.search_version END
        FROM unnest(@id, @organization_id, @kind, @title, @description, @category, @price, @commune_insee, @commune, @latitude,
            @longitude, @created_at, @updated_at, @expires_at, @search_title, @search_body, @search_version, @text_changed)
            AS u(id, organization_id, kind, title, description, category, price, commune_insee, commune, latitude,
            longitude, created_at, updated_at, expires_at, search_title, search_body, search_version, text_changed)
        WHERE l.id = u.id
        """;

    const string RemoveModes = """
        DELETE FROM listing_exchange_modes AS m USING unnest(@listing_id, @mode) AS r(listing_id, mode)
        WHERE m.listing_id = r.listing_id AND m.mode = r.mode
        """;

    static readonly string Published = Slug.Of(ListingStatus.Published);
    static readonly string Everyone = Slug.Of(ListingVisibility.Everyone);

    public override async Task WriteAsync(ListingChanges changes, DbTransaction transaction, CancellationToken ct)
    {
        if (changes.ModesRemoved.Count > 0) await RemoveModesAsync(changes.ModesRemoved, ct);
        if (changes.Updated.Count > 0) await UpdateAsync(changes, ct);
        if (changes.Added.Count > 0) await CopyListingsAsync(changes.Added, ct);
        if (changes.ModesAdded.Count > 0) await CopyModesAsync(changes.ModesAdded, ct);
    }

    async Task CopyListingsAsync(List<ListingRow> rows, CancellationToken ct)
    {
        await using var copy = await _connection.BeginBinaryImportAsync(CopyListings, ct);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.ExternalId, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.NetworkId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(r.OrganizationId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(Slug.Of(r.Kind), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Title, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, r.Description, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.Category, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, r.Price, NpgsqlDbType.Numeric, ct);
            await WriteNullableAsync(copy, r.CommuneInsee, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, r.Commune, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, r.Latitude, NpgsqlDbType.Double, ct);
            await WriteNullableAsync(copy, r.Longitude, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(Published, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(Everyone, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(Utc(r.CreatedAt), NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(Utc(r.UpdatedAt), NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(copy, r.ExpiresAt is { } expires ? Utc(expires) : (DateTime?)null, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(r.SearchTitle, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.SearchBody, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.SearchVersion, NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    async Task CopyModesAsync(List<(Guid ListingId, string Mode)> modes, CancellationToken ct)
    {
        await using var copy = await _connection.BeginBinaryImportAsync(CopyModes, ct);
        foreach (var (listingId, mode) in modes)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(listingId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(mode, NpgsqlDbType.Varchar, ct);
        }
        await copy.CompleteAsync(ct);
    }

    async Task UpdateAsync(ListingChanges changes, CancellationToken ct)
    {
        var rows = changes.Updated;
        await using var command = new NpgsqlCommand(UpdateListings, _connection);
        command.Parameters.AddWithValue("id", rows.Select(r => r.Id).ToArray());
        command.Parameters.AddWithValue("organization_id", rows.Select(r => r.OrganizationId).ToArray());
        command.Parameters.AddWithValue("kind", rows.Select(r => Slug.Of(r.Kind)).ToArray());
        command.Parameters.AddWithValue("title", rows.Select(r => r.Title).ToArray());
        command.Parameters.AddWithValue("description", rows.Select(r => r.Description).ToArray());
        command.Parameters.AddWithValue("category", rows.Select(r => r.Category).ToArray());
        command.Parameters.AddWithValue("price", rows.Select(r => r.Price).ToArray());
        command.Parameters.AddWithValue("commune_insee", rows.Select(r => r.CommuneInsee).ToArray());
        command.Parameters.AddWithValue("commune", rows.Select(r => r.Commune).ToArray());
        command.Parameters.AddWithValue("latitude", rows.Select(r => r.Latitude).ToArray());
        command.Parameters.AddWithValue("longitude", rows.Select(r => r.Longitude).ToArray());
        command.Parameters.AddWithValue("created_at", rows.Select(r => Utc(r.CreatedAt)).ToArray());
        command.Parameters.AddWithValue("updated_at", rows.Select(r => Utc(r.UpdatedAt)).ToArray());
        command.Parameters.AddWithValue("expires_at", rows.Select(r => r.ExpiresAt is { } e ? Utc(e) : (DateTime?)null).ToArray());
        command.Parameters.AddWithValue("search_title", rows.Select(r => r.SearchTitle).ToArray());
        command.Parameters.AddWithValue("search_body", rows.Select(r => r.SearchBody).ToArray());
        command.Parameters.AddWithValue("search_version", rows.Select(r => r.SearchVersion).ToArray());
        command.Parameters.AddWithValue("text_changed", rows.Select(r => changes.TextChanged.Contains(r.Id)).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    async Task RemoveModesAsync(List<(Guid ListingId, string Mode)> modes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(RemoveModes, _connection);
        command.Parameters.AddWithValue("listing_id", modes.Select(m => m.ListingId).ToArray());
        command.Parameters.AddWithValue("mode", modes.Select(m => m.Mode).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);

    // As the model's converter stores every date (Infrastructure/Data/Conversions.cs).
    static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
}
