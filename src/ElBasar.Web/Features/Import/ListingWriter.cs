using System.Data.Common;
using ElBasar.Web.Features.Listings;
using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// Writes the listings of an import batch without the change tracker: at a million listings, tracking,
/// batching and binding entities one by one cost as much as the database itself. The rows are those EF
/// would write (same columns, same conversions); the triggers of each database still keep the search
/// index, the alert queue and the federation feed's change log in step, in the batch's transaction.
/// </summary>
abstract class ListingWriter : IAsyncDisposable
{
    public static ListingWriter For(ElBasarDbContext db) =>
        db.Database.IsSqlite() ? new SqliteListingWriter(db) : new PostgresListingWriter(db);

    public abstract Task WriteAsync(ListingChanges changes, DbTransaction transaction, CancellationToken ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The columns an import sets on a new listing; the others keep their defaults (null).</summary>
    protected static readonly string[] InsertedProperties =
    [
        nameof(Listing.Id), nameof(Listing.ExternalId), nameof(Listing.NetworkId), nameof(Listing.OrganizationId), nameof(Listing.Kind),
        nameof(Listing.Title), nameof(Listing.Description), nameof(Listing.Category), nameof(Listing.Price), nameof(Listing.CommuneInsee),
        nameof(Listing.Commune), nameof(Listing.Latitude), nameof(Listing.Longitude), nameof(Listing.Status), nameof(Listing.Visibility),
        nameof(Listing.CreatedAt), nameof(Listing.UpdatedAt), nameof(Listing.ExpiresAt), nameof(Listing.SearchTitle), nameof(Listing.SearchBody),
        nameof(Listing.SearchVersion),
    ];

    /// <summary>The columns an import may change on a listing it finds again; network, status and visibility stay as they are.</summary>
    protected static readonly string[] UpdatedProperties =
    [
        nameof(Listing.OrganizationId), nameof(Listing.Kind), nameof(Listing.Title), nameof(Listing.Description), nameof(Listing.Category),
        nameof(Listing.Price), nameof(Listing.CommuneInsee), nameof(Listing.Commune), nameof(Listing.Latitude), nameof(Listing.Longitude),
        nameof(Listing.CreatedAt), nameof(Listing.UpdatedAt), nameof(Listing.ExpiresAt),
    ];

    /// <summary>Written on update only when the text changed: on SQLite, setting them rewrites the full-text entry.</summary>
    protected static readonly string[] SearchProperties = [nameof(Listing.SearchTitle), nameof(Listing.SearchBody), nameof(Listing.SearchVersion)];

    protected static object?[] InsertValues(ListingRow r) =>
    [
        r.Id, r.ExternalId, r.NetworkId, r.OrganizationId, r.Kind, r.Title, r.Description, r.Category, r.Price, r.CommuneInsee,
        r.Commune, r.Latitude, r.Longitude, ListingStatus.Published, ListingVisibility.Everyone, r.CreatedAt, r.UpdatedAt, r.ExpiresAt,
        r.SearchTitle, r.SearchBody, r.SearchVersion,
    ];

    protected static object?[] UpdateValues(ListingRow r, bool withText) =>
    [
        r.OrganizationId, r.Kind, r.Title, r.Description, r.Category, r.Price, r.CommuneInsee, r.Commune, r.Latitude, r.Longitude,
        r.CreatedAt, r.UpdatedAt, r.ExpiresAt, .. withText ? new object?[] { r.SearchTitle, r.SearchBody, r.SearchVersion } : [], r.Id,
    ];
}

/// <summary>
/// SQLite: one prepared command a statement, compiled once for the whole file and run row after row with its
/// parameters bound again; SQLite does not do better with many rows a statement, the triggers run per row anyway.
/// Values go through the model's own type mappings, so they are stored exactly as EF stores them.
/// </summary>
sealed class SqliteListingWriter : ListingWriter
{
    readonly PreparedCommand _insert, _update, _updateWithText, _addMode, _removeMode;

    public SqliteListingWriter(ElBasarDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var listing = db.Model.FindEntityType(typeof(Listing))!;
        var mode = db.Model.FindEntityType(typeof(ListingExchangeMode))!;
        IProperty[] Properties(IEntityType entity, IEnumerable<string> names) => names.Select(n => entity.FindProperty(n)!).ToArray();
        var modeProperties = Properties(mode, [nameof(ListingExchangeMode.ListingId), nameof(ListingExchangeMode.Mode)]);
        _insert = PreparedCommand.Insert(connection, listing, Properties(listing, InsertedProperties));
        _update = PreparedCommand.Update(connection, listing, Properties(listing, UpdatedProperties));
        _updateWithText = PreparedCommand.Update(connection, listing, Properties(listing, [.. UpdatedProperties, .. SearchProperties]));
        _addMode = PreparedCommand.Insert(connection, mode, modeProperties);
        _removeMode = PreparedCommand.Delete(connection, mode, modeProperties);
    }

    public override async Task WriteAsync(ListingChanges changes, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var (listingId, mode) in changes.ModesRemoved) await _removeMode.RunAsync(transaction, [listingId, mode], ct);
        foreach (var row in changes.Updated)
        {
            var withText = changes.TextChanged.Contains(row.Id);
            await (withText ? _updateWithText : _update).RunAsync(transaction, UpdateValues(row, withText), ct);
        }
        foreach (var row in changes.Added) await _insert.RunAsync(transaction, InsertValues(row), ct);
        foreach (var (listingId, mode) in changes.ModesAdded) await _addMode.RunAsync(transaction, [listingId, mode], ct);
    }

    public override ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insert, _update, _updateWithText, _addMode, _removeMode }) command.Dispose();
        return ValueTask.CompletedTask;
    }
}
